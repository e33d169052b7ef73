package com.closeloop.rules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import com.closeloop.rules.decisions.Decision;

import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.QueryResults;
import org.kie.api.runtime.rule.QueryResultsRow;

/**
 * A compiled, immutable rule set. {@link #decide} is pure: facts in, decisions out, in a fresh session.
 * Safe to use from many threads at once.
 */
public final class RuleSet {

    static final String DECISIONS_QUERY = "decisions";

    private static final Comparator<Decision> ORDER = Comparator
            .comparing(Decision::kind)
            .thenComparing(Decision::employeeId, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Decision::documentNumber, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Decision::version, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Decision::assignmentId, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final String version;
    private final List<String> files;
    private final java.util.Map<String, String> sources;
    private final KieBase kieBase;
    private final Instant compiledAt;
    private final int maxFirings;

    RuleSet(String version, List<String> files, java.util.Map<String, String> sources, KieBase kieBase, Instant compiledAt,
            int maxFirings) {
        this.version = version;
        this.files = List.copyOf(files);
        this.sources = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(sources));
        this.kieBase = kieBase;
        this.compiledAt = compiledAt;
        this.maxFirings = maxFirings;
    }

    /** Content hash of the rule files, e.g. {@code 3f9a1c0b7d2e}. */
    public String version() {
        return version;
    }

    /** The text of each rule file, by relative path, exactly as compiled into this version. */
    public java.util.Map<String, String> sources() {
        return sources;
    }

    public List<String> files() {
        return files;
    }

    public Instant compiledAt() {
        return compiledAt;
    }

    /** Fires a few more rules, counting which fires most: that is the one looping. */
    private static String dominantRule(KieSession session) {
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        session.addEventListener(new org.kie.api.event.rule.DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(org.kie.api.event.rule.AfterMatchFiredEvent event) {
                counts.merge(event.getMatch().getRule().getName(), 1, Integer::sum);
            }
        });
        session.fireAllRules(1000);
        return counts.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).map(java.util.Map.Entry::getKey).orElse("(unknown)");
    }

    /** Runs the rules over the facts and returns every decision, in a deterministic order. */
    public List<Decision> decide(Collection<?> facts) {
        KieSession session = kieBase.newKieSession();
        try {
            for (Object fact : facts) {
                session.insert(fact);
            }
            int fired = session.fireAllRules(maxFirings);
            if (fired >= maxFirings) {
                throw new RuleLoopException(dominantRule(session), maxFirings);
            }
            QueryResults results = session.getQueryResults(DECISIONS_QUERY);
            List<Decision> decisions = new ArrayList<>(results.size());
            for (QueryResultsRow row : results) {
                decisions.add((Decision) row.get("$decision"));
            }
            decisions.sort(ORDER);
            return decisions;
        } finally {
            session.dispose();
        }
    }
}
