package com.closeloop.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.closeloop.rules.RuleCompiler;
import com.closeloop.rules.RuleSet;
import com.closeloop.rules.ScenarioRunner;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a gated activation costs: compile the shipped rules folder and run every scenario under rules/scenarios
 * (what POST /api/rules/reload does before it swaps the rule set). Target ≤ 2 s warm.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, batchSize = 1)
@Measurement(iterations = 10, batchSize = 1)
@Fork(1)
public class RuleSetRebuildBenchmark {

    final Path rules = Path.of(System.getProperty("bench.rules", "rules"));
    final ScenarioRunner scenarios = new ScenarioRunner();

    @Benchmark
    public int compileAndRunScenarios() {
        RuleSet set = RuleCompiler.compile(rules, Instant.now());
        List<ScenarioRunner.Result> results = scenarios.runAll(set, rules.resolve("scenarios"));
        if (results.stream().anyMatch(r -> !r.passed())) {
            throw new IllegalStateException("a shipped scenario fails");
        }
        return results.size();
    }

    /** The floor: compiling the same DRL files into a KieBase, without the scenario gate. */
    @Benchmark
    public String compileOnlyFloor() {
        return RuleCompiler.compile(rules, Instant.now()).version();
    }
}
