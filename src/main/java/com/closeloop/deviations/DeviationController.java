package com.closeloop.deviations;

import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Deviations and their training-gap analysis (SPEC §4). */
@RestController
class DeviationController {

    record DeviationView(String deviationId, Instant occurredAt, String description, Instant reportedAt, String sourceEventId,
            String sourceEventSource, List<String> capaIds, List<TrainingGap> trainingGaps) {
    }

    private final Deviations deviations;

    DeviationController(Deviations deviations) {
        this.deviations = deviations;
    }

    @GetMapping("/api/deviations/{deviationId}/training-gaps")
    List<TrainingGap> trainingGaps(@PathVariable String deviationId) {
        require(deviationId);
        return deviations.findings(deviationId);
    }

    @GetMapping("/api/deviations/{deviationId}")
    DeviationView deviation(@PathVariable String deviationId) {
        Deviations.DeviationRow row = require(deviationId);
        return new DeviationView(row.deviationId(), row.occurredAt(), row.description(), row.reportedAt(), row.sourceEventId(),
                row.sourceEventSource(), deviations.capasOf(deviationId), deviations.findings(deviationId));
    }

    private Deviations.DeviationRow require(String deviationId) {
        return deviations.find(deviationId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown deviation '" + deviationId + "'"));
    }
}
