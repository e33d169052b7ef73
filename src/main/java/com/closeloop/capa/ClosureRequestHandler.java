package com.closeloop.capa;

import java.util.List;

import com.closeloop.ingest.DataReader;
import com.closeloop.ingest.EventContext;
import com.closeloop.ingest.EventHandler;
import com.closeloop.ingest.InvalidEventException;
import com.closeloop.rules.DecisionRecord;

import org.springframework.stereotype.Component;

/**
 * {@code closeloop.capa.closure.requested} (SPEC §2.3, §4b): always answered APPLIED with CLOSURE_ALLOWED (the CAPA
 * closes, by whom and when) or CLOSURE_REFUSED with every unmet reason; both are recorded. REJECTED only for an
 * unknown or already closed CAPA.
 */
@Component
class ClosureRequestHandler implements EventHandler<ClosureRequestHandler.ClosureRequested> {

    record ClosureRequested(String capaId, String requestedBy) {
    }

    private final Capas capas;
    private final CapaClosureCheck check;

    ClosureRequestHandler(Capas capas, CapaClosureCheck check) {
        this.capas = capas;
        this.check = check;
    }

    @Override
    public String type() {
        return "closeloop.capa.closure.requested";
    }

    @Override
    public ClosureRequested read(DataReader data) {
        return new ClosureRequested(data.code("capaId", true), data.text("requestedBy", true, 200));
    }

    @Override
    public List<DecisionRecord> apply(EventContext context, ClosureRequested request) {
        Capa capa = capas.lockById(request.capaId())
                .orElseThrow(() -> InvalidEventException.unprocessable("capaId", "unknown CAPA '" + request.capaId() + "'"));
        capa.requireOpen("capaId");
        CapaClosureCheck.Result result = check.evaluate(request.capaId(), request.requestedBy(), context.rules());
        if (result.decision().allowed()) {
            capa.close(request.requestedBy(), context.eventTime());
            capas.saveAndFlush(capa);
        }
        return result.decisions().stream().map(d -> DecisionRecord.of(d, context.rules().version())).toList();
    }
}
