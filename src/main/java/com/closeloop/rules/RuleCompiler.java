package com.closeloop.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import com.closeloop.Hashes;

import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.KieContainer;

/**
 * Compiles the DRL files of a rules folder (recursively) into a {@link RuleSet}. The version is the
 * SHA-256 of the files' relative paths and contents, so the same files always give the same version.
 */
public final class RuleCompiler {

    private RuleCompiler() {
    }

    /** Default bound on rule firings per session (closeloop.rules.max-firings). */
    public static final int DEFAULT_MAX_FIRINGS = 2_000_000;

    public static RuleSet compile(Path dir, Instant now) {
        return compile(dir, now, DEFAULT_MAX_FIRINGS);
    }

    public static RuleSet compile(Path dir, Instant now, int maxFirings) {
        if (!Files.isDirectory(dir)) {
            throw new RuleCompilationException("rules folder " + dir.toAbsolutePath() + " does not exist", List.of());
        }
        List<Path> drlFiles = listDrl(dir);
        if (drlFiles.isEmpty()) {
            throw new RuleCompilationException("rules folder " + dir.toAbsolutePath() + " holds no .drl files", List.of());
        }
        MessageDigest digest = Hashes.sha256();
        KieServices kie = KieServices.Factory.get();
        KieFileSystem kfs = kie.newKieFileSystem();
        List<String> names = new ArrayList<>();
        java.util.Map<String, String> sources = new java.util.TreeMap<>();
        List<String> purityViolations = new ArrayList<>();
        for (Path file : drlFiles) {
            String relative = dir.relativize(file).toString().replace('\\', '/');
            byte[] content = read(file);
            digest.update(relative.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(content);
            digest.update((byte) 0);
            String text = new String(content, StandardCharsets.UTF_8);
            purityViolations.addAll(RulePurity.check(relative, text));
            kfs.write("src/main/resources/" + relative, text);
            names.add(relative);
            sources.put(relative, text);
        }
        if (!purityViolations.isEmpty()) {
            throw new RuleCompilationException("rules in " + dir + " reach outside facts and decisions", purityViolations);
        }
        String version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        ReleaseId releaseId = kie.newReleaseId("com.closeloop", "rules", "1.0.0-" + version);
        kfs.generateAndWritePomXML(releaseId);
        KieBuilder builder = kie.newKieBuilder(kfs).buildAll();
        List<String> errors = new ArrayList<>();
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
            String path = message.getPath() == null ? "" : message.getPath().replaceFirst("^src/main/resources/", "");
            errors.add(path + (message.getLine() > 0 ? ":" + message.getLine() : "") + ": " + message.getText().strip());
        }
        if (!errors.isEmpty()) {
            throw new RuleCompilationException("rules in " + dir + " do not compile", errors);
        }
        KieContainer container = kie.newKieContainer(releaseId);
        var kieBase = container.getKieBase();
        boolean hasQuery = kieBase.getKiePackages().stream()
                .flatMap(p -> p.getQueries().stream())
                .anyMatch(q -> RuleSet.DECISIONS_QUERY.equals(q.getName()));
        if (!hasQuery) {
            throw new RuleCompilationException("rules must define query \"" + RuleSet.DECISIONS_QUERY
                    + "\" returning $decision : Decision() (see rules/common/decisions.drl)", List.of());
        }
        return new RuleSet(version, names, sources, kieBase, now, maxFirings);
    }

    /** A hash of every file under the folder (rules and scenarios), to notice edits. */
    public static String fingerprint(Path dir) {
        MessageDigest digest = Hashes.sha256();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                digest.update(dir.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                digest.update(read(file));
            }
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static List<Path> listDrl(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".drl"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
