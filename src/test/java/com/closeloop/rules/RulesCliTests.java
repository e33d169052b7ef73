package com.closeloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `rules test --dir …`: what a compliance lead runs before asking for a reload. */
class RulesCliTests {

    @TempDir
    Path temp;

    @Test
    void theShippedRulesPassEveryScenario() {
        Run run = run("rules", "test", "--dir", "rules");
        assertThat(run.code).isZero();
        assertThat(run.out).contains("PASS  revisions.yaml › MAJOR revision of a CRITICAL SOP").doesNotContain("FAIL");
        assertThat(run.out.strip()).endsWith("failed").contains("Rules: ").contains(" passed, 0 failed");
    }

    @Test
    void aFailingScenarioIsPrintedWithADiffAndExitCode1() throws IOException {
        Files.writeString(temp.resolve("wrong.yaml"), """
                scenarios:
                  - name: ADMINISTRATIVE wrongly expected to retrain
                    given:
                      - VersionApproved: {documentNumber: D, category: STANDARD, version: "2", seq: 2, changeType: ADMINISTRATIVE,
                                          effectiveDate: 2026-03-01, eventDate: 2026-02-10, firstVersion: false}
                    expect:
                      - {kind: RETRAINING_REQUIRED, dueDate: 2026-03-31}
                """);
        Run run = run("rules", "test", "--dir", "rules", "--scenarios", temp.toString());
        assertThat(run.code).isEqualTo(1);
        assertThat(run.out).contains("FAIL  wrong.yaml › ADMINISTRATIVE wrongly expected to retrain")
                .contains("missing    {kind=RETRAINING_REQUIRED, dueDate=2026-03-31}")
                .contains("RETRAINING_NOT_REQUIRED")
                .contains("Rules: 0 passed, 1 failed");
    }

    @Test
    void rulesThatReachOutsideFactsAndDecisionsDoNotCompile() throws IOException {
        Path rules = temp.resolve("rules");
        Files.createDirectories(rules);
        Files.copy(Path.of("rules/common/decisions.drl"), rules.resolve("decisions.drl"));
        Files.writeString(rules.resolve("sneaky.drl"), """
                package closeloop.sneaky;
                import java.io.File;
                import com.closeloop.rules.facts.Holder;
                global java.util.List seen;

                rule "reads the disk"
                when
                    Holder()
                then
                    System.getenv("HOME");
                end
                """);
        Run run = run("rules", "test", "--dir", rules.toString());
        assertThat(run.code).isEqualTo(2);
        assertThat(run.out).contains("sneaky.drl:2: rules may import only").contains("sneaky.drl:4:").contains("sneaky.drl:10:");
    }

    @Test
    void aWrongCommandPrintsUsage() {
        assertThat(run("rules", "check").code).isEqualTo(2);
    }

    record Run(int code, String out) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = RulesCli.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }
}
