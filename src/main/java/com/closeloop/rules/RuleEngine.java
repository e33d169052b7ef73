package com.closeloop.rules;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.closeloop.PlantClock;
import com.closeloop.rules.facts.CompletionReported;
import com.closeloop.rules.facts.VersionApproved;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Holds the active rule set. It is compiled from the rules folder at start (a hub with rules that do not
 * compile does not start) and warmed so the first real event is not slow. Each event takes one
 * {@link #active()} snapshot, so it is decided entirely by one rule set.
 */
@Component
public class RuleEngine {

    private static final Logger log = LoggerFactory.getLogger(RuleEngine.class);

    private final Path rulesDir;
    private final JdbcTemplate jdbc;
    private final AtomicReference<RuleSet> active = new AtomicReference<>();
    private volatile Instant lastLoadAttempt;
    private volatile List<String> lastErrors = List.of();

    public RuleEngine(@Value("${closeloop.rules.dir:rules}") String rulesDir, JdbcTemplate jdbc, PlantClock clock) {
        this.rulesDir = Path.of(rulesDir);
        this.jdbc = jdbc;
        activate(RuleCompiler.compile(this.rulesDir, clock.now()), "SYSTEM (start-up)", clock.now());
    }

    public RuleSet active() {
        return active.get();
    }

    public Path rulesDir() {
        return rulesDir;
    }

    public Instant lastLoadAttempt() {
        return lastLoadAttempt;
    }

    public List<String> lastErrors() {
        return lastErrors;
    }

    private void activate(RuleSet ruleSet, String by, Instant at) {
        warm(ruleSet);
        active.set(ruleSet);
        lastLoadAttempt = at;
        lastErrors = List.of();
        Integer known = jdbc.queryForObject("select count(*) from rule_set where rule_set_version = ?", Integer.class, ruleSet.version());
        if (known == null || known == 0) {
            jdbc.update("insert into rule_set (rule_set_version, files, activated_at, activated_by) values (?, ?, ?, ?)",
                    ruleSet.version(), String.join("\n", ruleSet.files()), com.closeloop.JdbcValues.utc(at), by);
        }
        log.info("Rule set {} active ({} files from {})", ruleSet.version(), ruleSet.files().size(), rulesDir.toAbsolutePath());
    }

    /** Runs a few representative sessions so the JIT and Drools' lazy network building happen at start. */
    private static void warm(RuleSet ruleSet) {
        var day = java.time.LocalDate.of(2000, 1, 1);
        for (int i = 0; i < 20; i++) {
            ruleSet.decide(List.of(new VersionApproved("WARM-UP", "CRITICAL", "1", 1, "MAJOR", day, day, true)));
            ruleSet.decide(List.of(new CompletionReported("WARM-UP", "WARM-UP", "1", 1, null, null, null)));
        }
    }
}
