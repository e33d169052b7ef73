package com.closeloop.rules;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * {@code java -jar closeloop.jar rules test [--dir rules/] [--scenarios dir]}: compiles a rules folder and runs its
 * scenarios, printing PASS/FAIL per scenario with a readable diff, without starting the hub. Exit code 0 when all
 * pass, 1 when a scenario fails, 2 when the rules do not compile or the command is wrong.
 */
public final class RulesCli {

    private RulesCli() {
    }

    public static boolean handles(String[] args) {
        return args.length >= 1 && "rules".equals(args[0]);
    }

    public static int run(String[] args, PrintStream out) {
        if (args.length < 2 || !"test".equals(args[1])) {
            out.println("usage: rules test [--dir <rules folder>] [--scenarios <scenario folder>]");
            return 2;
        }
        Path dir = Path.of("rules");
        Path scenarios = null;
        for (int i = 2; i < args.length; i++) {
            if ("--dir".equals(args[i]) && i + 1 < args.length) {
                dir = Path.of(args[++i]);
            } else if ("--scenarios".equals(args[i]) && i + 1 < args.length) {
                scenarios = Path.of(args[++i]);
            } else {
                out.println("unknown argument: " + args[i]);
                return 2;
            }
        }
        RuleSet rules;
        try {
            rules = RuleCompiler.compile(dir, Instant.now());
        } catch (RuleCompilationException e) {
            out.println("COMPILE ERROR " + e.getMessage());
            return 2;
        }
        out.println("Rule set " + rules.version() + " (" + rules.files().size() + " files from " + dir.toAbsolutePath().normalize() + ")");
        List<ScenarioRunner.Result> results = new ScenarioRunner().runAll(rules, scenarios == null ? dir.resolve("scenarios") : scenarios);
        int failed = 0;
        for (ScenarioRunner.Result result : results) {
            out.println((result.passed() ? "PASS  " : "FAIL  ") + result.title());
            if (!result.passed()) {
                out.print(result.report());
                failed++;
            }
        }
        out.println();
        out.println("Rules: " + (results.size() - failed) + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
