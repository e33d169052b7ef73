package com.closeloop.harness;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The harness's event stream, the same for every run (fixed seed): a small plant set up first (job functions, six
 * documents, matrix entries), then {@code total} messages of which 1 % are exact re-sends (same source and id) of an
 * earlier message. Per employee, in one JMS message group (applied in order): the personnel upsert that gives a job
 * function (→ an assignment per matrix document) and two completions (→ completions, assignments COMPLETED). Every
 * seventh message is an ungrouped job-function upsert, so its re-send may race its original on another consumer.
 * Event times are fixed, so every run decides the same.
 */
final class HarnessEvents {

    static final String SETUP_SOURCE = "urn:closeloop:harness:setup";
    static final String SOURCE = "urn:closeloop:harness";

    /** One JMS message: the CloudEvent JSON, its group (null: none), and whether it re-sends an earlier one. */
    record Message(String id, String source, String json, String group, boolean resend) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FUNCTIONS = { "HJF-A", "HJF-B", "HJF-C" };
    private static final String[][] MATRIX = { { "HDOC-1", "HDOC-2" }, { "HDOC-3", "HDOC-4" }, { "HDOC-5", "HDOC-1" } };

    private HarnessEvents() {
    }

    static List<Message> setup() {
        List<Message> setup = new ArrayList<>();
        int n = 0;
        for (String code : FUNCTIONS) {
            ObjectNode data = JSON.createObjectNode().put("code", code).put("name", "Harness function " + code);
            setup.add(message("setup-" + (++n), SETUP_SOURCE, "closeloop.jobfunction.upserted", "2026-01-02T08:00:00Z", data, "setup", false));
        }
        for (int d = 1; d <= 6; d++) {
            ObjectNode data = JSON.createObjectNode().put("documentNumber", "HDOC-" + d).put("title", "Harness SOP " + d)
                    .put("category", d % 2 == 0 ? "CRITICAL" : "STANDARD").put("version", "1.0").put("changeType", "MAJOR")
                    .put("effectiveDate", "2026-01-15");
            setup.add(message("setup-" + (++n), SETUP_SOURCE, "closeloop.document.version.approved", "2026-01-05T08:00:00Z", data, "setup",
                    false));
        }
        for (int f = 0; f < FUNCTIONS.length; f++) {
            for (String doc : MATRIX[f]) {
                ObjectNode data = JSON.createObjectNode().put("documentNumber", doc).put("jobFunctionCode", FUNCTIONS[f]);
                setup.add(message("setup-" + (++n), SETUP_SOURCE, "closeloop.matrix.entry.upserted", "2026-01-20T08:00:00Z", data, "setup",
                        false));
            }
        }
        return setup;
    }

    /** {@code total} messages: {@code total / 100} re-sends, the rest distinct events. */
    static List<Message> stream(int total) {
        int resends = total / 100;
        int distinct = total - resends;
        List<Message> events = new ArrayList<>(total);
        int employee = 0;
        int function = 0;
        while (events.size() < distinct) {
            if (events.size() % 7 == 6) {
                function++;
                ObjectNode data = JSON.createObjectNode().put("code", String.format("HJF-X%05d", function)).put("name", "Extra function " + function);
                events.add(message(id(events.size()), SOURCE, "closeloop.jobfunction.upserted", "2026-02-01T08:00:00Z", data, null, false));
                continue;
            }
            employee++;
            String e = String.format("HE%06d", employee);
            int f = employee % FUNCTIONS.length;
            String time = String.format("2026-03-%02dT%02d:%02d:00Z", 1 + employee % 27, 6 + employee % 12, employee % 60);
            ObjectNode holding = JSON.createObjectNode().put("code", FUNCTIONS[f]).put("from", "2026-02-01");
            ObjectNode person = JSON.createObjectNode().put("employeeId", e).put("name", "Harness person " + employee)
                    .put("email", e.toLowerCase() + "@plant.example").put("status", "ACTIVE");
            person.putArray("jobFunctions").add(holding);
            events.add(message(id(events.size()), SOURCE, "closeloop.personnel.upserted", time, person, e, false));
            for (int c = 0; c < 2 && events.size() < distinct; c++) {
                String completedAt = String.format("2026-04-%02dT10:%02d:00Z", 1 + (employee + c) % 28, c * 7 + employee % 50);
                ObjectNode done = JSON.createObjectNode().put("employeeId", e).put("documentNumber", MATRIX[f][c]).put("version", "1.0")
                        .put("completedAt", completedAt);
                if (c == 1) {
                    done.put("method", "ASSESSMENT").put("score", 80 + employee % 20);
                }
                events.add(message(id(events.size()), SOURCE, "closeloop.training.completed", completedAt, done, e, false));
            }
        }
        // re-sends: copies of earlier messages, each sent later than its original (in its group, after it)
        Random random = new Random(20261125L);
        List<Message> sent = new ArrayList<>(events);
        Set<Integer> chosen = new LinkedHashSet<>();
        while (chosen.size() < resends) {
            chosen.add(random.nextInt(distinct));
        }
        for (int original : chosen) {
            Message m = events.get(original);
            int at = sent.indexOf(m) + 1 + random.nextInt(Math.max(1, sent.size() - sent.indexOf(m)));
            sent.add(Math.min(at, sent.size()), new Message(m.id(), m.source(), m.json(), m.group(), true));
        }
        return sent;
    }

    private static String id(int n) {
        return String.format("ev-%06d", n + 1);
    }

    private static Message message(String id, String source, String type, String time, ObjectNode data, String group, boolean resend) {
        ObjectNode event = JSON.createObjectNode().put("specversion", "1.0").put("id", id).put("source", source).put("type", type)
                .put("time", time).put("datacontenttype", "application/json");
        event.set("data", data);
        return new Message(id, source, event.toString(), group, resend);
    }
}
