package com.closeloop.documents;

import java.util.List;

import com.closeloop.facts.PlantFacts;
import com.closeloop.facts.VersionInfo;
import com.closeloop.ingest.DataReader;
import com.closeloop.ingest.EventContext;
import com.closeloop.ingest.EventHandler;
import com.closeloop.ingest.InvalidEventException;
import com.closeloop.rules.DecisionRecord;

import org.springframework.stereotype.Component;

/**
 * {@code closeloop.document.effectivity.requested} (SPEC §2b item 13): may this version take effect? Judged at its
 * effective date on the facts recorded by the event's time; always {@code 202 APPLIED} with {@code EFFECTIVITY_ALLOWED}
 * or {@code EFFECTIVITY_REFUSED} (a reason per unready job function), published on the outcomes topic like every outcome
 * so an eQMS can hold the effective date.
 */
@Component
class EffectivityRequestHandler implements EventHandler<EffectivityRequestHandler.Request> {

    record Request(String documentNumber, String version) {
    }

    private final Readiness readiness;
    private final PlantFacts facts;

    EffectivityRequestHandler(Readiness readiness, PlantFacts facts) {
        this.readiness = readiness;
        this.facts = facts;
    }

    @Override
    public String type() {
        return "closeloop.document.effectivity.requested";
    }

    @Override
    public Request read(DataReader data) {
        return new Request(data.code("documentNumber", true), data.text("version", true, 32));
    }

    @Override
    public List<DecisionRecord> apply(EventContext context, Request request) {
        List<VersionInfo> versions = facts.versions(request.documentNumber());
        if (versions.isEmpty()) {
            throw InvalidEventException.unprocessable("documentNumber", "unknown document '" + request.documentNumber() + "'");
        }
        VersionInfo version = versions.stream().filter(v -> v.version().equals(request.version())).findFirst()
                .orElseThrow(() -> InvalidEventException.unprocessable("version", "document " + request.documentNumber()
                        + " has no approved version '" + request.version() + "'"));
        Readiness.Answer answer = readiness.judge(request.documentNumber(), request.version(), context.eventTime(),
                version.effectiveDate(), context.rules()).orElseThrow();
        return answer.decisions().stream().map(d -> DecisionRecord.of(d, context.rules().version())).toList();
    }
}
