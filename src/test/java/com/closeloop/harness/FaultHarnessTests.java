package com.closeloop.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Process-level fault harness (issue 8; docs/reliability.md). Every scenario runs the hub as separate JVMs
 * (-Xmx512m) against PostgreSQL and a broker that is itself a separate JVM, pushes the same stream over JMS (1 % exact
 * re-sends), injects a fault, waits until the queue drains and compares the database with a reference run without
 * faults: per table a count and a digest of the rows without generated ids and write times. Plus: nothing lost (every
 * sent (source, id) recorded), nothing applied twice (no two assignments or completions from one event), no dead letter,
 * no refused event, and the audit chain verifies.
 *
 * <p>Not part of {@code mvn verify}: {@code mvn -o -Pharness verify} (or {@code -Pharness test -Dtest=FaultHarnessTests});
 * {@code -Dharness.events=10000 -Dharness.db-outage-seconds=30 -Dharness.kills=3} for the full size.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultHarnessTests {

    static final int EVENTS = Integer.getInteger("harness.events", 1_000);
    static final int OUTAGE_SECONDS = Integer.getInteger("harness.db-outage-seconds", 10);
    static final int KILLS = Integer.getInteger("harness.kills", 1);
    static final List<HarnessEvents.Message> SETUP = HarnessEvents.setup();
    static final List<HarnessEvents.Message> STREAM = HarnessEvents.stream(EVENTS);
    static final Set<String> EXPECTED_IDS = new HashSet<>();
    static {
        SETUP.forEach(m -> EXPECTED_IDS.add(m.source() + "|" + m.id()));
        STREAM.forEach(m -> EXPECTED_IDS.add(m.source() + "|" + m.id()));
    }
    static final long EXPECTED = EXPECTED_IDS.size();
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120 + EVENTS * 40L / 1000);

    static Map<String, HarnessDatabase.TableState> reference;
    static final Map<String, String> RESULTS = new LinkedHashMap<>();

    @Test
    @Order(1)
    void referenceRunWithoutFaults() throws Exception {
        reference();
    }

    /** The hub is SIGKILLed (KILLS times) while it consumes, restarted, and finishes: same state as the reference. */
    @Test
    @Order(2)
    void hubKilledMidStreamLosesNothingAndAppliesNothingTwice() throws Exception {
        var reference = reference();
        try (HarnessRun run = new HarnessRun("kill", 1)) {
            Instant started = start(run);
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> sendQuietly(run));
            List<String> kills = new ArrayList<>();
            for (int k = 1; k <= KILLS; k++) {
                long at = SETUP.size() + (EXPECTED - SETUP.size()) * k / (KILLS + 1);
                run.await("kill point " + k, () -> run.processed() >= at, DRAIN_TIMEOUT);
                long processedBefore = run.processed();
                long pid = run.hubs.get(0).pid();
                int exit = run.hubs.get(0).kill();
                assertThat(exit).as("exit status of the hub JVM after destroyForcibly: 128 + SIGKILL").isEqualTo(ChildJvm.SIGKILL_EXIT);
                assertThat(processedBefore).as("killed mid-stream").isLessThan(EXPECTED);
                kills.add("pid " + pid + " at " + processedBefore + "/" + EXPECTED + " → exit " + exit);
                run.startHub(1);
            }
            sending.join();
            run.awaitDrained(EXPECTED, DRAIN_TIMEOUT);
            Duration took = Duration.between(started, Instant.now());
            var state = verify(run, "kill");
            assertThat(state).as("database after %d SIGKILLs equals the reference run", KILLS).isEqualTo(reference);
            RESULTS.put("hub SIGKILL x" + KILLS, summary(run, took) + "; kills: " + String.join("; ", kills));
        }
    }

    /** The broker process is SIGKILLed mid-stream and started again on its journal; the hub reconnects by itself. */
    @Test
    @Order(3)
    void brokerKilledAndRestartedMidStreamTheHubReconnectsAndNothingIsLost() throws Exception {
        var reference = reference();
        try (HarnessRun run = new HarnessRun("broker", 1)) {
            Instant started = start(run);
            run.send(STREAM);
            long at = SETUP.size() + (EXPECTED - SETUP.size()) * 2 / 5;
            run.await("40 % applied", () -> run.processed() >= at, DRAIN_TIMEOUT);
            long hubPid = run.hubs.get(0).pid();
            long processedBefore = run.processed();
            int exit = run.broker.kill();
            assertThat(exit).isEqualTo(ChildJvm.SIGKILL_EXIT);
            Thread.sleep(3_000);
            run.broker.start();
            run.broker.awaitReady(() -> {
                try {
                    return run.broker.logText().split("==== start ").length > 2
                            && run.broker.logText().substring(run.broker.logText().lastIndexOf("==== start ")).contains(HarnessBroker.READY);
                } catch (java.io.IOException e) {
                    return false;
                }
            }, Duration.ofSeconds(60));
            run.awaitDrained(EXPECTED, DRAIN_TIMEOUT);
            assertThat(run.hubs.get(0).alive()).as("the hub was not restarted").isTrue();
            assertThat(run.hubs.get(0).pid()).isEqualTo(hubPid);
            Duration took = Duration.between(started, Instant.now());
            var state = verify(run, "broker");
            assertThat(state).as("database after a broker SIGKILL and restart equals the reference run").isEqualTo(reference);
            RESULTS.put("broker SIGKILL + restart", summary(run, took) + "; broker killed at " + processedBefore + "/" + EXPECTED);
        }
    }

    /** PostgreSQL is cut off from the hub (a TCP proxy resets every connection) for OUTAGE_SECONDS; the hub recovers alone. */
    @Test
    @Order(4)
    void databaseUnavailableMidStreamEventsWaitAndTheHubRecoversWithoutRestart() throws Exception {
        var reference = reference();
        try (HarnessRun run = new HarnessRun("dbdown", 1)) {
            Instant started = start(run);
            run.send(STREAM);
            long at = SETUP.size() + (EXPECTED - SETUP.size()) * 3 / 10;
            run.await("30 % applied", () -> run.processed() >= at, DRAIN_TIMEOUT);
            long hubPid = run.hubs.get(0).pid();
            run.proxies.get(0).cut();
            long processedAtCut = run.processed();
            Thread.sleep(OUTAGE_SECONDS * 1000L);
            long processedAtRestore = run.processed();
            run.proxies.get(0).restore();
            assertThat(processedAtRestore - processedAtCut).as("nothing committed while the database was unreachable").isLessThanOrEqualTo(2);
            run.awaitDrained(EXPECTED, DRAIN_TIMEOUT);
            assertThat(run.hubs.get(0).alive()).isTrue();
            assertThat(run.hubs.get(0).pid()).isEqualTo(hubPid);
            Duration took = Duration.between(started, Instant.now());
            var state = verify(run, "dbdown");
            assertThat(state).as("database after a %d s outage equals the reference run", OUTAGE_SECONDS).isEqualTo(reference);
            RESULTS.put("database cut " + OUTAGE_SECONDS + " s", summary(run, took) + "; cut at " + processedAtCut + "/" + EXPECTED);
        }
    }

    /**
     * Two hub nodes on one database and one broker: every event applied exactly once, both nodes consumed; then CSV files
     * dropped into the drop folder both nodes poll are each imported by one node only.
     */
    @Test
    @Order(5)
    void twoNodesApplyEveryEventOnceAndImportEachDroppedFileOnce() throws Exception {
        var reference = reference();
        try (HarnessRun run = new HarnessRun("twonodes", 2)) {
            Instant started = Instant.now();
            run.startBroker();
            run.hubs.get(0).start();
            run.hubs.get(1).start();
            run.hubs.get(0).awaitReady(() -> run.health(1), Duration.ofSeconds(180));
            run.hubs.get(1).awaitReady(() -> run.health(2), Duration.ofSeconds(180));
            // harness-only instrumentation: which node's connection recorded each event (JDBC ApplicationName per node)
            try (var c = run.db.connect(); var s = c.createStatement()) {
                s.execute("alter table processed_event add column harness_node varchar(64) default current_setting('application_name')");
            }
            run.send(SETUP);
            run.await("setup applied", () -> run.processed() >= SETUP.size(), DRAIN_TIMEOUT);
            run.send(STREAM);
            run.awaitDrained(EXPECTED, DRAIN_TIMEOUT);
            Duration took = Duration.between(started, Instant.now());
            var state = verify(run, "twonodes");
            assertThat(state).as("two nodes: database equals the reference run").isEqualTo(reference);
            Map<String, Long> perNode = new LinkedHashMap<>();
            for (String node : run.db.strings("select harness_node || '=' || count(*) from processed_event group by harness_node order by 1")) {
                perNode.put(node.substring(0, node.indexOf('=')), Long.parseLong(node.substring(node.indexOf('=') + 1)));
            }
            assertThat(perNode).as("events recorded per node").containsKeys("hub1", "hub2");
            assertThat(perNode.values()).allSatisfy(n -> assertThat(n).isGreaterThan(EVENTS / 20));
            RESULTS.put("two nodes", summary(run, took) + "; events per node " + perNode);

            csvDroppedFilesAreImportedOnceByOneNode(run);
        }
    }

    private void csvDroppedFilesAreImportedOnceByOneNode(HarnessRun run) throws Exception {
        Path folder = Files.createDirectories(run.dropRoot.resolve("hr-roster"));
        Path staging = Files.createDirectories(run.dir.resolve("staging"));
        int files = 6;
        int rowsPerFile = 50;
        for (int f = 1; f <= files; f++) {
            StringBuilder csv = new StringBuilder("EMP_NO;FULL_NAME;EMAIL;SUPERVISOR;STATUS;JOB_CODES;JOB_FROM;JOB_TO\n");
            for (int r = 1; r <= rowsPerFile; r++) {
                String id = String.format("HC%02d%04d", f, r);
                csv.append(id).append(";CSV person ").append(id).append(";;;A;HJF-B;01.02.2026;\n");
            }
            Path file = staging.resolve("roster-" + f + ".csv");
            Files.writeString(file, csv, StandardCharsets.UTF_8);
            Files.move(file, folder.resolve(file.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        long expectedRows = (long) files * rowsPerFile;
        String source = "urn:closeloop:connector:hr-roster";
        run.await("CSV files imported", () -> run.db.count("select count(*) from processed_event where event_source = '" + source + "'")
                == expectedRows && countFiles(folder.resolve("done")) == files, Duration.ofSeconds(120));
        Thread.sleep(8_000); // four more poll rounds on both nodes: nothing may pick a file up again
        assertThat(run.db.count("select count(*) from processed_event where event_source = '" + source + "'")).isEqualTo(expectedRows);
        assertThat(run.db.count("select count(*) from employee where employee_id like 'HC%'")).isEqualTo(expectedRows);
        assertThat(run.db.count("select count(*) from rejected_event")).isZero();
        assertThat(countFiles(folder.resolve("done"))).as("files in done/").isEqualTo(files);
        assertThat(countFiles(folder.resolve("failed"))).as("files in failed/ (error reports)").isZero();
        assertThat(countFiles(folder)).as("files left in the drop folder").isZero();
        Pattern imported = Pattern.compile("CSV (\\S+roster-\\d+\\.csv): Summary\\[.*?applied=(\\d+), duplicates=(\\d+)");
        Map<String, List<String>> importsByFile = new LinkedHashMap<>();
        for (int node = 1; node <= 2; node++) {
            Matcher m = imported.matcher(run.hubs.get(node - 1).logText());
            while (m.find()) {
                importsByFile.computeIfAbsent(Path.of(m.group(1)).getFileName().toString(), k -> new ArrayList<>())
                        .add("hub" + node + " applied " + m.group(2) + " duplicates " + m.group(3));
            }
        }
        assertThat(importsByFile).as("imports per file (from both nodes' logs)").hasSize(files);
        assertThat(importsByFile.values()).as("each file imported by one node, once").allSatisfy(imports -> assertThat(imports).hasSize(1));
        Map<String, Long> perNode = new LinkedHashMap<>();
        for (String node : run.db.strings("select harness_node || '=' || count(*) from processed_event where event_source = '" + source
                + "' group by harness_node order by 1")) {
            perNode.put(node.substring(0, node.indexOf('=')), Long.parseLong(node.substring(node.indexOf('=') + 1)));
        }
        RESULTS.put("two nodes, CSV drop folder", files + " files x " + rowsPerFile + " rows: each imported once (" + importsByFile
                + "), rows per node " + perNode + ", 0 error reports");
    }

    private static long countFiles(Path folder) {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (var list = Files.list(folder)) {
            return list.filter(Files::isRegularFile).count();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    // --- shared steps ------------------------------------------------------------------------------------------------

    static synchronized Map<String, HarnessDatabase.TableState> reference() throws Exception {
        if (reference == null) {
            try (HarnessRun run = new HarnessRun("reference", 1)) {
                Instant started = start(run);
                Duration sending = run.send(STREAM);
                run.awaitDrained(EXPECTED, DRAIN_TIMEOUT);
                Duration took = Duration.between(started, Instant.now());
                reference = verify(run, "reference");
                RESULTS.put("reference (no faults)", summary(run, took) + "; sending took " + sending.toMillis() + " ms");
            }
        }
        return reference;
    }

    /** Broker and hub 1 up, the plant's setup events applied. */
    private static Instant start(HarnessRun run) throws Exception {
        Instant started = Instant.now();
        run.startBroker();
        run.startHub(1);
        run.send(SETUP);
        run.await("setup applied", () -> run.processed() >= SETUP.size(), DRAIN_TIMEOUT);
        return started;
    }

    private static void sendQuietly(HarnessRun run) {
        try {
            run.send(STREAM);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The invariants every run must hold, then its state for the comparison. */
    private static Map<String, HarnessDatabase.TableState> verify(HarnessRun run, String label) throws Exception {
        Set<String> recorded = new HashSet<>(run.db.strings("select event_source || '|' || event_id from processed_event"));
        Set<String> lost = new HashSet<>(EXPECTED_IDS);
        lost.removeAll(recorded);
        assertThat(lost).as(label + ": events sent but not recorded (lost)").isEmpty();
        assertThat(recorded).as(label + ": recorded events").hasSize(EXPECTED_IDS.size());
        assertThat(run.db.count("select count(*) from (select 1 from training_assignment group by source_event_source, source_event_id,"
                + " employee_id, document_number, version having count(*) > 1) d")).as(label + ": assignments made twice by one event").isZero();
        assertThat(run.db.count("select count(*) from (select 1 from training_completion group by source_event_source, source_event_id"
                + " having count(*) > 1) d")).as(label + ": completions recorded twice for one event").isZero();
        assertThat(run.db.count("select count(*) from (select 1 from decision_record group by event_source, event_id, seq, kind,"
                + " employee_id, document_number having count(*) > 1) d")).as(label + ": decisions recorded twice").isZero();
        assertThat(run.db.count("select count(*) from rejected_event")).as(label + ": refused events").isZero();
        assertThat(run.browse(HarnessRun.DLQ, 1000)).as(label + ": dead letters").isZero();
        assertThat(run.get(1, "/api/audit/verify")).as(label + ": audit chain").contains("\"status\":\"OK\"");
        assertThat(run.db.count("select count(*) from training_assignment")).as(label + ": assignments").isPositive();
        assertThat(run.db.count("select count(*) from training_completion")).as(label + ": completions").isPositive();
        return run.db.state();
    }

    private static String summary(HarnessRun run, Duration took) throws Exception {
        return String.format("%d messages (%d distinct events + %d re-sends, %d setup), %d recorded, 0 lost, 0 duplicate decisions;"
                + " %d assignments, %d completions; %.1f s; peak hub RSS %d MiB (VmHWM, -Xmx%s)", STREAM.size(),
                STREAM.stream().filter(m -> !m.resend()).count(), STREAM.stream().filter(HarnessEvents.Message::resend).count(), SETUP.size(),
                run.processed(), run.db.count("select count(*) from training_assignment"), run.db.count("select count(*) from training_completion"),
                took.toMillis() / 1000.0, run.peakHubRssKb() / 1024, System.getProperty("harness.hub.heap", "512m"));
    }

    @AfterAll
    static void report() throws Exception {
        StringBuilder out = new StringBuilder("Fault harness, " + EVENTS + " messages, " + Runtime.getRuntime().availableProcessors()
                + " cores\n");
        RESULTS.forEach((k, v) -> out.append("- ").append(k).append(": ").append(v).append('\n'));
        if (reference != null) {
            out.append("reference state:\n");
            reference.forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
        }
        System.out.println(out);
        Files.createDirectories(Path.of("target", "harness"));
        Files.writeString(Path.of("target", "harness", "results.txt"), out, StandardCharsets.UTF_8);
    }
}
