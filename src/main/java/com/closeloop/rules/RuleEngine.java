package com.closeloop.rules;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.closeloop.JdbcValues;
import com.closeloop.PlantClock;
import com.closeloop.audit.Attribution;
import com.closeloop.audit.AuditTrail;
import com.closeloop.rules.facts.CompletionReported;
import com.closeloop.rules.facts.VersionApproved;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Holds the active rule set and replaces it only through the gate: the rules folder must compile (and stay
 * pure) and every scenario under {@code <rules>/scenarios} must pass; otherwise the running set stays. The swap
 * is one atomic reference write, and every event takes one {@link #active()} snapshot, so no event is decided
 * half by one set and half by another. Every attempt is recorded in {@code rule_set_activation}.
 */
@Component
public class RuleEngine {

    private static final Logger log = LoggerFactory.getLogger(RuleEngine.class);

    /** The answer to an activation attempt. */
    public record Activation(boolean activated, String version, String previousVersion, int scenariosRun, int scenariosFailed,
            List<String> errors, long durationMs) {
    }

    private final Path rulesDir;
    private final JdbcTemplate jdbc;
    private final PlantClock clock;
    private final TransactionTemplate transaction;
    private final AuditTrail audit;
    private final int maxFirings;
    private final ScenarioRunner scenarios = new ScenarioRunner();
    private final AtomicReference<RuleSet> active = new AtomicReference<>();
    private volatile Instant activatedAt;
    private volatile String activatedBy;
    private volatile Instant lastLoadAttempt;
    private volatile List<String> lastErrors = List.of();

    public RuleEngine(@Value("${closeloop.rules.dir:rules}") String rulesDir,
            @Value("${closeloop.rules.max-firings:" + RuleCompiler.DEFAULT_MAX_FIRINGS + "}") int maxFirings, JdbcTemplate jdbc,
            PlantClock clock, PlatformTransactionManager transactions, AuditTrail audit) {
        this.transaction = new TransactionTemplate(transactions);
        this.audit = audit;
        this.rulesDir = Path.of(rulesDir);
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxFirings = maxFirings;
        Activation start = activate("SYSTEM (start-up)");
        if (!start.activated()) {
            throw new IllegalStateException("The rules in " + this.rulesDir.toAbsolutePath() + " cannot be activated:\n  "
                    + String.join("\n  ", start.errors()));
        }
    }

    public RuleSet active() {
        return active.get();
    }

    public Path rulesDir() {
        return rulesDir;
    }

    public Instant activatedAt() {
        return activatedAt;
    }

    public String activatedBy() {
        return activatedBy;
    }

    public Instant lastLoadAttempt() {
        return lastLoadAttempt;
    }

    public List<String> lastErrors() {
        return lastErrors;
    }

    /**
     * Compiles the rules folder and runs its scenarios; activates the new set only if both succeed.
     * Serialised: two reloads never interleave.
     */
    public synchronized Activation activate(String requestedBy) {
        long started = System.nanoTime();
        Instant now = clock.now();
        lastLoadAttempt = now;
        RuleSet previous = active.get();
        String previousVersion = previous == null ? null : previous.version();
        RuleSet candidate;
        try {
            candidate = RuleCompiler.compile(rulesDir, now, maxFirings);
        } catch (RuleCompilationException e) {
            List<String> errors = e.problems().isEmpty() ? List.of(e.getMessage()) : e.problems();
            return refuse(requestedBy, now, null, previousVersion, 0, 0, errors, started);
        }
        List<ScenarioRunner.Result> results = scenarios.runAll(candidate, rulesDir.resolve("scenarios"));
        List<String> failures = new ArrayList<>();
        for (ScenarioRunner.Result result : results) {
            if (!result.passed()) {
                failures.add("scenario failed: " + result.title() + "\n" + result.report());
            }
        }
        if (!failures.isEmpty()) {
            return refuse(requestedBy, now, candidate.version(), previousVersion, results.size(), failures.size(), failures, started);
        }
        warm(candidate);
        active.set(candidate);
        activatedAt = now;
        activatedBy = requestedBy;
        lastErrors = List.of();
        Activation activation = new Activation(true, candidate.version(), previousVersion, results.size(), 0, List.of(),
                elapsedMs(started));
        Runnable store = () -> transaction.executeWithoutResult(status -> {
            Integer known = jdbc.queryForObject("select count(*) from rule_set where rule_set_version = ?", Integer.class,
                    candidate.version());
            if (known == null || known == 0) {
                jdbc.update("insert into rule_set (rule_set_version, files, activated_at, activated_by, sources) values (?, ?, ?, ?, ?)",
                        candidate.version(), String.join("\n", candidate.files()), JdbcValues.utc(now), requestedBy,
                        sourcesJson(candidate));
            }
            record(requestedBy, now, activation, candidate.files());
        });
        try {
            store.run();
        } catch (org.springframework.dao.DuplicateKeyException sameRulesStoredByAnotherNode) {
            // two nodes starting together with the same rules: the other one stored the rule set first; record ours
            store.run();
        }
        log.info("Rule set {} active ({} files, {} scenarios passed) from {}, by {}", candidate.version(), candidate.files().size(),
                results.size(), rulesDir.toAbsolutePath(), requestedBy);
        return activation;
    }

    private Activation refuse(String requestedBy, Instant now, String version, String previousVersion, int run, int failed,
            List<String> errors, long started) {
        lastErrors = List.copyOf(errors);
        Activation activation = new Activation(false, version, previousVersion, run, failed, List.copyOf(errors), elapsedMs(started));
        transaction.executeWithoutResult(status -> record(requestedBy, now, activation, List.of()));
        log.warn("Rule set refused ({}); {} stays active:\n  {}", requestedBy, previousVersion, String.join("\n  ", errors));
        return activation;
    }

    private void record(String requestedBy, Instant at, Activation a, List<String> files) {
        audit.attribute(Attribution.of(requestedBy, "rules", "rule-set activation", at));
        audit.record("rule-set", a.version() == null ? "(not compiled)" : a.version(), a.activated() ? "ACTIVATED" : "REFUSED",
                AuditTrail.values("activeVersion", a.previousVersion()), AuditTrail.values("activeVersion", a.activated() ? a.version()
                        : a.previousVersion(), "files", files, "scenariosRun", a.scenariosRun(), "scenariosFailed", a.scenariosFailed(),
                        "errors", a.errors()));
        jdbc.update("insert into rule_set_activation (attempted_at, requested_by, outcome, rule_set_version, previous_version,"
                + " scenarios_run, scenarios_failed, duration_ms, errors) values (?, ?, ?, ?, ?, ?, ?, ?, ?)", JdbcValues.utc(at),
                requestedBy, a.activated() ? "ACTIVATED" : "REFUSED", a.version(), a.previousVersion(), a.scenariosRun(),
                a.scenariosFailed(), (int) a.durationMs(), a.errors().isEmpty() ? null : String.join("\n", a.errors()));
    }

    private static String sourcesJson(RuleSet ruleSet) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(ruleSet.sources());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long elapsedMs(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Runs a few representative sessions so the JIT and Drools' lazy network building happen before events arrive. */
    private static void warm(RuleSet ruleSet) {
        var day = java.time.LocalDate.of(2000, 1, 1);
        for (int i = 0; i < 20; i++) {
            ruleSet.decide(List.of(new VersionApproved("WARM-UP", "CRITICAL", "1", 1, "MAJOR", day, day, true)));
            ruleSet.decide(List.of(new CompletionReported("WARM-UP", "WARM-UP", "STANDARD", "1", 1, null, null, null)));
        }
    }
}
