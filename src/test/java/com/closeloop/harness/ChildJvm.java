package com.closeloop.harness;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One child JVM of the harness (a hub node or the broker): started directly with {@code java} (no shell in between, so
 * the process the harness kills is the JVM itself), output to a log file, peak resident memory read from
 * {@code /proc/<pid>/status} (VmHWM). {@link #kill()} is {@link Process#destroyForcibly()}, which on Linux sends
 * SIGKILL; it checks the exit status is 128 + 9.
 */
final class ChildJvm implements AutoCloseable {

    static final int SIGKILL_EXIT = 128 + 9;

    /** Children still running when the test JVM ends (a failed or interrupted run) are killed with it, never orphaned. */
    private static final java.util.Set<Process> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();
    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    }

    private final String name;
    private final List<String> command;
    private final Map<String, String> env;
    private final Path workDir;
    private final Path log;
    private Process process;
    private long peakRssKb;
    private int starts;

    ChildJvm(String name, List<String> jvmArgs, String classpath, String mainClass, List<String> args, Map<String, String> env,
            Path workDir) {
        this.name = name;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(args);
        this.command = command;
        this.env = env;
        this.workDir = workDir;
        this.log = workDir.resolve(name + ".log");
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    ChildJvm start() throws IOException {
        Files.createDirectories(workDir);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Files.writeString(log, "\n==== start " + (++starts) + " at " + Instant.now() + "\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        process = builder.start();
        RUNNING.add(process);
        process.onExit().thenAccept(RUNNING::remove);
        return this;
    }

    /** Waits for {@code ready}, failing at once (with the log's tail) if the process dies first. */
    void awaitReady(BooleanSupplier ready, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting:\n" + tail(60));
            }
            if (ready.getAsBoolean()) {
                return;
            }
            sampleMemory();
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + ":\n" + tail(60));
    }

    /** Peak resident set of this process so far (kB), as the kernel counts it (VmHWM); sampled while it runs. */
    long sampleMemory() {
        if (process == null || !process.isAlive()) {
            return peakRssKb;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    peakRssKb = Math.max(peakRssKb, kb);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process may just have ended
        }
        return peakRssKb;
    }

    long peakRssKb() {
        return peakRssKb;
    }

    /** SIGKILL (Process.destroyForcibly on Linux); returns the exit status, which must be 137. */
    int kill() throws InterruptedException {
        sampleMemory();
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived destroyForcibly");
        }
        return process.exitValue();
    }

    /** SIGTERM and wait (Spring's graceful shutdown), SIGKILL after the timeout. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        sampleMemory();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    String logText() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** The hub's runtime classpath: target/classes plus the runtime dependencies, without the test classes. */
    static String hubClasspath() throws IOException {
        Path classes = Path.of("target", "classes").toAbsolutePath();
        Path runtime = Path.of("target", "harness-runtime.classpath");
        if (Files.isRegularFile(runtime)) {
            return classes + File.pathSeparator + Files.readString(runtime).trim();
        }
        // no file from the harness profile (e.g. run from an IDE): the test classpath without the test classes
        List<String> entries = new ArrayList<>();
        entries.add(classes.toString());
        for (String entry : testClasspath().split(File.pathSeparator)) {
            if (!entry.contains("test-classes") && !entry.endsWith(File.separator + "classes") && !entry.equals("target/classes")) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** The broker's classpath: the test classpath (HarnessBroker is a test class; Artemis' server jars are dependencies). */
    static String testClasspath() {
        // surefire runs the tests from a manifest-only jar and publishes the real classpath here
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }
}
