package com.closeloop.capa;

import java.util.List;

import com.closeloop.audit.AuditTrail;
import com.closeloop.ingest.DataReader;
import com.closeloop.ingest.EventContext;
import com.closeloop.ingest.EventHandler;
import com.closeloop.ingest.InvalidEventException;
import com.closeloop.rules.DecisionRecord;
import com.closeloop.signatures.EventSignature;
import com.closeloop.signatures.Signatures;

import org.springframework.stereotype.Component;

/**
 * {@code closeloop.capa.closure.requested} (SPEC §2.3, §4b): always answered APPLIED with CLOSURE_ALLOWED (the CAPA
 * closes, by whom and when) or CLOSURE_REFUSED with every unmet reason; both are recorded. REJECTED only for an
 * unknown or already closed CAPA.
 */
@Component
class ClosureRequestHandler implements EventHandler<ClosureRequestHandler.ClosureRequested> {

    record ClosureRequested(String capaId, String requestedBy, EventSignature signature) {
    }

    private final Capas capas;
    private final CapaClosureCheck check;
    private final Signatures signatures;

    private final AuditTrail audit;

    ClosureRequestHandler(Capas capas, CapaClosureCheck check, Signatures signatures, AuditTrail audit) {
        this.audit = audit;
        this.signatures = signatures;
        this.capas = capas;
        this.check = check;
    }

    @Override
    public String type() {
        return "closeloop.capa.closure.requested";
    }

    @Override
    public ClosureRequested read(DataReader data) {
        return new ClosureRequested(data.code("capaId", true), data.text("requestedBy", true, 200), EventSignature.read(data));
    }

    @Override
    public List<DecisionRecord> apply(EventContext context, ClosureRequested request) {
        Capa capa = capas.lockById(request.capaId())
                .orElseThrow(() -> InvalidEventException.unprocessable("capaId", "unknown CAPA '" + request.capaId() + "'"));
        capa.requireOpen("capaId");
        CapaClosureCheck.Result result = check.evaluate(request.capaId(), request.requestedBy(), context.rules());
        audit.record("capa", capa.capaId(), "CLOSURE_REQUESTED", null, AuditTrail.values("requestedBy", request.requestedBy(),
                "decision", result.decision().kind(), "reasons", result.decision().reasons(), "ruleName", result.decision().ruleName(),
                "ruleSetVersion", context.rules().version()));
        if (result.decision().allowed()) {
            capa.close(request.requestedBy(), context.eventTime());
            capas.saveAndFlush(capa);
            signatures.recordFromEvent("capa-closure", capa.capaId(), request.signature(), context);
        } else if (request.signature() != null && context.person() != null) {
            signatures.recordFromEvent("capa-closure", capa.capaId(), request.signature(), context); // refuses a person's signature
        }
        return result.decisions().stream().map(d -> DecisionRecord.of(d, context.rules().version())).toList();
    }
}
