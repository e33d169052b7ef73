package com.closeloop.rules;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The rule set in force and its gated replacement (SPEC §4, issue "rules as a product"). */
@RestController
public class RulesController {

    public record RuleSetStatus(String version, String rulesDir, List<String> files, Instant activatedAt, String activatedBy,
            Instant lastReload, List<String> lastErrors) {
    }

    private final RuleEngine engine;

    RulesController(RuleEngine engine) {
        this.engine = engine;
    }

    @GetMapping("/api/rules")
    public RuleSetStatus status() {
        RuleSet active = engine.active();
        return new RuleSetStatus(active.version(), engine.rulesDir().toAbsolutePath().normalize().toString(), active.files(),
                engine.activatedAt(), engine.activatedBy(), engine.lastLoadAttempt(), engine.lastErrors());
    }

    /**
     * Compiles the rules folder and runs its scenarios; the new set replaces the running one only if both succeed.
     * 200 with the activation, or 422 problem+json naming each compile error (file:line) or failing scenario.
     */
    @PostMapping("/api/rules/reload")
    ResponseEntity<?> reload(Principal principal) {
        RuleEngine.Activation activation = engine.activate(principal == null ? "api (unauthenticated)" : principal.getName());
        if (activation.activated()) {
            return ResponseEntity.ok(activation);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY,
                "The rules were not activated; rule set " + activation.previousVersion() + " stays active.");
        problem.setType(URI.create("urn:closeloop:problem:rules-refused"));
        problem.setTitle("Rule set refused");
        problem.setProperty("activated", false);
        problem.setProperty("activeVersion", activation.previousVersion());
        problem.setProperty("refusedVersion", activation.version());
        problem.setProperty("scenariosRun", activation.scenariosRun());
        problem.setProperty("scenariosFailed", activation.scenariosFailed());
        problem.setProperty("errors", activation.errors());
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
