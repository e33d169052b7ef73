package com.closeloop.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.closeloop.rules.decisions.Decision;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Runs rule scenarios written by compliance leads (rules/scenarios/*.yaml, see docs/rule-authoring.md): given
 * facts → expected decisions. Pure: no database, no Spring; a scenario run takes milliseconds.
 */
public final class ScenarioRunner {

    static final String FACTS_PACKAGE = "com.closeloop.rules.facts.";

    /** The outcome of one scenario; {@code report} explains a failure in words and a diff. */
    public record Result(String file, String name, boolean passed, String report) {

        public String title() {
            return file + " › " + name;
        }
    }

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    /** Every scenario of every {@code .yaml}/{@code .yml} file under {@code dir} (none when it does not exist). */
    public List<Result> runAll(RuleSet rules, Path dir) {
        List<Result> results = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return results;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted().toList()) {
                results.addAll(runFile(rules, file, dir.relativize(file).toString().replace('\\', '/')));
            }
        } catch (IOException e) {
            results.add(new Result(dir.toString(), "(reading the folder)", false, e.toString()));
        }
        return results;
    }

    List<Result> runFile(RuleSet rules, Path file, String name) {
        List<Result> results = new ArrayList<>();
        JsonNode root;
        try {
            root = yaml.readTree(file.toFile());
        } catch (IOException e) {
            return List.of(new Result(name, "(parsing)", false, "not valid YAML: " + e.getMessage()));
        }
        JsonNode scenarios = root == null ? null : root.get("scenarios");
        if (scenarios == null || !scenarios.isArray()) {
            return List.of(new Result(name, "(parsing)", false, "expected a top-level list 'scenarios:'"));
        }
        for (JsonNode scenario : scenarios) {
            String title = scenario.path("name").asText("(unnamed)");
            try {
                results.add(run(rules, scenario, name, title));
            } catch (RuntimeException e) {
                results.add(new Result(name, title, false, e.getMessage()));
            }
        }
        return results;
    }

    private Result run(RuleSet rules, JsonNode scenario, String file, String title) {
        List<Object> facts = new ArrayList<>();
        int index = 0;
        for (JsonNode given : scenario.path("given")) {
            facts.add(fact(given, index++));
        }
        List<Decision> decisions = rules.decide(facts);
        List<ObjectNode> actual = new ArrayList<>();
        for (Decision decision : decisions) {
            actual.add(view(decision));
        }
        List<String> problems = new ArrayList<>();
        List<ObjectNode> unmatched = new ArrayList<>(actual);
        for (JsonNode expected : scenario.path("expect")) {
            ObjectNode match = unmatched.stream().filter(a -> matches(expected, a)).findFirst().orElse(null);
            if (match == null) {
                boolean taken = actual.stream().anyMatch(a -> matches(expected, a));
                problems.add("missing    " + compact(expected) + (taken
                        ? "\n               (it matches a decision an earlier expectation already matched: each expectation needs its own decision)"
                        : closest(expected, actual)));
            } else {
                unmatched.remove(match);
            }
        }
        for (JsonNode forbidden : scenario.path("expectNone")) {
            actual.stream().filter(a -> matches(forbidden, a))
                    .forEach(a -> problems.add("unexpected " + compact(a) + "   (matches expectNone " + compact(forbidden) + ")"));
        }
        if (scenario.path("exactly").asBoolean(false)) {
            unmatched.forEach(a -> problems.add("unexpected " + compact(a) + "   (exactly: true)"));
        }
        if (problems.isEmpty()) {
            return new Result(file, title, true, "");
        }
        StringBuilder report = new StringBuilder();
        problems.forEach(p -> report.append("    ").append(p).append('\n'));
        report.append("    decisions made (").append(actual.size()).append("):\n");
        actual.forEach(a -> report.append("      ").append(compact(a)).append('\n'));
        return new Result(file, title, false, report.toString());
    }

    private Object fact(JsonNode given, int index) {
        if (!given.isObject() || given.size() != 1) {
            throw new IllegalArgumentException("given[" + index + "] must be one fact: '- FactName: {field: value, ...}'");
        }
        String type = given.fieldNames().next();
        Class<?> factClass;
        try {
            factClass = Class.forName(FACTS_PACKAGE + type);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("given[" + index + "]: unknown fact '" + type
                    + "' (the facts are listed in docs/rule-authoring.md)");
        }
        try {
            return yaml.convertValue(given.get(type), factClass);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("given[" + index + "] " + type + ": " + e.getMessage().split("\n")[0]);
        }
    }

    private ObjectNode view(Decision decision) {
        ObjectNode node = yaml.createObjectNode();
        node.put("kind", decision.kind());
        ObjectNode fields = yaml.valueToTree(decision);
        node.setAll(fields);
        if (!node.has("detail") && decision.detail() != null) {
            node.put("detail", decision.detail());
        }
        node.put("ruleName", decision.ruleName());
        return node;
    }

    /** Every expected field equals the actual one (as text); a value starting with '~' only needs to be contained. */
    static boolean matches(JsonNode expected, JsonNode actual) {
        return mismatches(expected, actual).isEmpty();
    }

    static List<String> mismatches(JsonNode expected, JsonNode actual) {
        List<String> differences = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            String want = field.getValue().isNull() ? null : field.getValue().asText();
            JsonNode got = actual.get(field.getKey());
            String have = got == null || got.isNull() ? null : got.isArray() ? got.toString() : got.asText();
            boolean ok;
            if (want != null && want.startsWith("~")) {
                ok = have != null && have.contains(want.substring(1));
            } else {
                ok = want == null ? have == null : want.equals(have);
            }
            if (!ok) {
                differences.add(field.getKey() + ": expected " + want + ", got " + have);
            }
        }
        return differences;
    }

    private static String closest(JsonNode expected, List<ObjectNode> actual) {
        String kind = expected.path("kind").asText(null);
        ObjectNode best = null;
        List<String> bestDiff = null;
        for (ObjectNode a : actual) {
            if (kind != null && !kind.equals(a.path("kind").asText())) {
                continue;
            }
            List<String> diff = mismatches(expected, a);
            if (bestDiff == null || diff.size() < bestDiff.size()) {
                best = a;
                bestDiff = diff;
            }
        }
        return best == null ? "\n               no decision of that kind was made" : "\n               closest: " + compact(best)
                + "\n               differs: " + String.join("; ", bestDiff);
    }

    private static String compact(JsonNode node) {
        Map<String, String> fields = new LinkedHashMap<>();
        node.fields().forEachRemaining(f -> {
            if (!f.getValue().isNull()) {
                fields.put(f.getKey(), f.getValue().isArray() ? f.getValue().toString() : f.getValue().asText());
            }
        });
        return fields.toString();
    }
}
