package com.closeloop.documents;

import java.time.Instant;

import com.closeloop.ApiProblem;
import com.closeloop.PlantClock;
import com.closeloop.RequestValues;
import com.closeloop.facts.PlantFacts;
import com.closeloop.facts.VersionInfo;
import com.closeloop.rules.RuleEngine;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/documents/{documentNumber}/versions/{version}/readiness?at=} ({@code at} defaults to the effective date). */
@RestController
class ReadinessController {

    private final Readiness readiness;
    private final PlantFacts facts;
    private final PlantClock clock;
    private final RuleEngine rules;

    ReadinessController(Readiness readiness, PlantFacts facts, PlantClock clock, RuleEngine rules) {
        this.readiness = readiness;
        this.facts = facts;
        this.clock = clock;
        this.rules = rules;
    }

    @GetMapping("/api/documents/{documentNumber}/versions/{version}/readiness")
    @Transactional(readOnly = true)
    Readiness.Answer readiness(@PathVariable String documentNumber, @PathVariable String version, @RequestParam(required = false) String at) {
        VersionInfo v = facts.versions(documentNumber).stream().filter(x -> x.version().equals(version)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("version", "document " + documentNumber + " has no approved version '" + version + "'"));
        Instant given = RequestValues.instant("at", at);
        Instant instant = given != null ? given : clock.startOf(v.effectiveDate());
        return readiness.judge(documentNumber, version, instant, clock.dateOf(instant), rules.active()).orElseThrow();
    }
}
