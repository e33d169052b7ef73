package com.closeloop.rules;

import java.time.Instant;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/rules}: which rule set decides events now (SPEC §4). */
@RestController
class RulesController {

    record RuleSetStatus(String version, String rulesDir, List<String> files, Instant activatedAt, Instant lastReload,
            List<String> lastErrors) {
    }

    private final RuleEngine engine;

    RulesController(RuleEngine engine) {
        this.engine = engine;
    }

    @GetMapping("/api/rules")
    RuleSetStatus status() {
        RuleSet active = engine.active();
        return new RuleSetStatus(active.version(), engine.rulesDir().toAbsolutePath().normalize().toString(), active.files(),
                active.compiledAt(), engine.lastLoadAttempt(), engine.lastErrors());
    }
}
