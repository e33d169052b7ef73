package com.closeloop.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiling a rules folder: versions by content, errors with file and line. */
class RuleCompilerTests {

    static final String QUERY = """
            package closeloop.common;
            import com.closeloop.rules.decisions.Decision;
            query "decisions"
                $decision : Decision()
            end
            """;

    @TempDir
    Path dir;

    @Test
    void theVersionIsAHashOfTheFilesSoSameFilesSameVersion() throws IOException {
        write("common/decisions.drl", QUERY);
        RuleSet first = RuleCompiler.compile(dir, Instant.now());
        RuleSet again = RuleCompiler.compile(dir, Instant.now());
        assertThat(first.version()).hasSize(12).isEqualTo(again.version());
        assertThat(first.files()).containsExactly("common/decisions.drl");

        write("common/decisions.drl", QUERY + "\n// a comment changes the version\n");
        assertThat(RuleCompiler.compile(dir, Instant.now()).version()).isNotEqualTo(first.version());
    }

    @Test
    void aBrokenRuleFileIsReportedWithFileAndLine() throws IOException {
        write("common/decisions.drl", QUERY);
        write("training-needs/broken.drl", """
                package closeloop.broken;
                import com.closeloop.rules.facts.VersionApproved;

                rule "broken"
                when
                    VersionApproved( noSuchField == 1 )
                then
                end
                """);
        assertThatThrownBy(() -> RuleCompiler.compile(dir, Instant.now()))
                .isInstanceOf(RuleCompilationException.class)
                .satisfies(e -> assertThat(((RuleCompilationException) e).problems())
                        .anySatisfy(p -> assertThat(p).startsWith("training-needs/broken.drl:").contains("noSuchField")));
    }

    @Test
    void rulesWithoutTheDecisionsQueryAreRefused() throws IOException {
        write("x.drl", "package closeloop.x;\n");
        assertThatThrownBy(() -> RuleCompiler.compile(dir, Instant.now())).hasMessageContaining("query \"decisions\"");
    }

    @Test
    void anEmptyOrMissingFolderIsRefused() {
        assertThatThrownBy(() -> RuleCompiler.compile(dir, Instant.now())).hasMessageContaining("no .drl files");
        assertThatThrownBy(() -> RuleCompiler.compile(dir.resolve("absent"), Instant.now())).hasMessageContaining("does not exist");
    }

    private void write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
