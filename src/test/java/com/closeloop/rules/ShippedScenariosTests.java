package com.closeloop.rules;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every scenario in rules/scenarios, one test each, against the shipped rules (what `mvn test` runs for compliance leads). */
class ShippedScenariosTests {

    static final RuleSet RULES = RuleCompiler.compile(Path.of("rules"), Instant.now());

    @TestFactory
    Stream<DynamicTest> shippedScenarios() {
        List<ScenarioRunner.Result> results = new ScenarioRunner().runAll(RULES, Path.of("rules", "scenarios"));
        return results.stream().map(r -> DynamicTest.dynamicTest(r.title(), () -> assertTrue(r.passed(), () -> "\n" + r.report())));
    }

    @Test
    void thereAreScenariosForEveryDefaultRule() {
        List<ScenarioRunner.Result> results = new ScenarioRunner().runAll(RULES, Path.of("rules", "scenarios"));
        assertTrue(results.size() >= 20, "expected at least 20 shipped scenarios, found " + results.size());
    }
}
