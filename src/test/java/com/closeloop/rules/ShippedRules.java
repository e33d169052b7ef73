package com.closeloop.rules;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import com.closeloop.rules.decisions.Decision;

/** The rule set shipped in rules/, compiled once per test JVM, for plain rule tests (no Spring). */
public final class ShippedRules {

    private static final RuleSet RULES = RuleCompiler.compile(Path.of("rules"), Instant.now());

    private ShippedRules() {
    }

    public static List<Decision> decide(Object... facts) {
        return RULES.decide(List.of(facts));
    }

    public static <D extends Decision> List<D> only(Class<D> type, List<Decision> decisions) {
        return decisions.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
