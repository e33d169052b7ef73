package com.closeloop.capa;

import java.util.List;

import com.closeloop.deviations.Deviations;
import com.closeloop.ingest.DataReader;
import com.closeloop.ingest.EventContext;
import com.closeloop.ingest.EventHandler;
import com.closeloop.ingest.InvalidEventException;
import com.closeloop.rules.DecisionRecord;

import org.springframework.stereotype.Component;

/** {@code closeloop.capa.opened}: a CAPA, optionally opened from a deviation. */
@Component
class CapaOpenedHandler implements EventHandler<CapaOpenedHandler.CapaOpened> {

    record CapaOpened(String capaId, String title, String deviationId, String rootCauseCategory) {
    }

    private final Capas capas;
    private final Deviations deviations;

    CapaOpenedHandler(Capas capas, Deviations deviations) {
        this.capas = capas;
        this.deviations = deviations;
    }

    @Override
    public String type() {
        return "closeloop.capa.opened";
    }

    @Override
    public CapaOpened read(DataReader data) {
        return new CapaOpened(data.code("capaId", true), data.text("title", false, 300), data.code("deviationId", false),
                data.text("rootCauseCategory", false, 64));
    }

    @Override
    public List<DecisionRecord> apply(EventContext context, CapaOpened opened) {
        if (capas.existsById(opened.capaId())) {
            throw InvalidEventException.unprocessable("capaId", "CAPA " + opened.capaId() + " was already opened");
        }
        if (opened.deviationId() != null && !deviations.exists(opened.deviationId())) {
            throw InvalidEventException.unprocessable("deviationId", "unknown deviation '" + opened.deviationId() + "'");
        }
        capas.saveAndFlush(new Capa(opened.capaId(), opened.title(), opened.deviationId(), opened.rootCauseCategory(), context.eventTime(),
                context.id(), context.source()));
        return List.of();
    }
}
