package com.closeloop.xapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;

/** Random mutations of valid statements: each input reads fine or fails with field errors, never anything else. */
class XapiStatementReaderRobustnessTests {

    static final int CASES = 3_000;
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final String HUGE = "x".repeat(200_000);
    static final List<String> KEYS = List.of("id", "actor", "verb", "object", "result", "context", "timestamp", "stored",
            "authority", "version", "attachments", "objectType", "name", "mbox", "mbox_sha1sum", "openid", "account",
            "homePage", "display", "definition", "score", "scaled", "raw", "min", "max", "success", "completion",
            "duration", "extensions", "registration", "en-US", "", "Actor", HUGE);
    static final List<String> STRINGS = List.of("", " ", "mailto:", "mailto:a@b.c", "http://", "http://x.org/completed",
            "urn:x", "Group", "Agent", "Activity", "StatementRef", "2026-01-15T10:00:00-00:00", "2026-01-15T10:00:00Z",
            "2026-13-45T99:99:99Z", "P1D", "PT", "P1Y2M3DT4H5M6.7S", "-PT6H", "6690e6c9-3ef0-4ed3-8b37-7f3964730bee",
            "1.0.3", "\u0000\u202e", "@@@", "é🙂", HUGE, "P" + "9".repeat(10_000), "mailto:" + HUGE + "@x.org");

    final ObjectMapper json = new ObjectMapper();
    final XapiStatementReader reader = new XapiStatementReader(json);
    final Random random = new Random(20260115L);

    @Test
    void malformedInputsReadFineOrFailOnlyWithFieldErrors() {
        JsonNode[] bases = {
                XapiStatementReaderTests.parse(XapiStatementReaderTests.COMPLETED),
                XapiStatementReaderTests.parse(XapiStatementReaderTests.PASSED),
                json.createArrayNode()
                        .add(XapiStatementReaderTests.parse(XapiStatementReaderTests.COMPLETED))
                        .add(XapiStatementReaderTests.parse(XapiStatementReaderTests.PASSED))};
        int accepted = 0;
        int refused = 0;
        long slowest = 0;
        long total = 0;
        for (int i = 0; i < CASES; i++) {
            JsonNode input = bases[random.nextInt(bases.length)].deepCopy();
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                input = mutate(input);
            }
            JsonNode body = input;
            List<List<XapiStatement>> read = new ArrayList<>();

            long start = System.nanoTime();
            Throwable thrown = catchThrowable(() -> read.add(reader.read(body)));
            long elapsed = System.nanoTime() - start;

            slowest = Math.max(slowest, elapsed);
            total += elapsed;
            String description = "case " + i + ": " + abbreviate(body);
            if (thrown == null) {
                accepted++;
                assertThat(read.get(0)).as(description).isNotEmpty().allSatisfy(statement -> {
                    assertThat(statement.id()).isNotNull();
                    assertThat(statement.verbId()).isNotNull();
                    assertThat(statement.objectId()).isNotNull();
                    assertThat(statement.json()).isNotNull();
                });
            } else {
                refused++;
                assertThat(thrown).as(description).isInstanceOf(XapiValidationException.class);
                assertThat(((XapiValidationException) thrown).errors()).as(description).isNotEmpty()
                        .allSatisfy(error -> {
                            assertThat(error.field()).isNotNull();
                            assertThat(error.message()).isNotBlank();
                        });
            }
        }
        assertThat(accepted + refused).isEqualTo(CASES);
        assertThat(accepted).as("some mutations keep a statement valid").isPositive();
        assertThat(refused).as("most mutations break a statement").isGreaterThan(CASES / 2);
        assertThat(total / CASES / 1_000_000).as("average ms per input").isLessThan(5);
        assertThat(slowest / 1_000_000).as("slowest ms per input").isLessThan(500);
    }

    JsonNode mutate(JsonNode input) {
        if (random.nextInt(30) == 0) {
            return randomValue(0);
        }
        List<ContainerNode<?>> containers = containers(input);
        ContainerNode<?> target = containers.get(random.nextInt(containers.size()));
        if (target instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.isEmpty() || random.nextInt(4) == 0 ? pick(KEYS) : pick(names);
            switch (random.nextInt(4)) {
                case 0 -> object.remove(name);
                case 1 -> object.set(name, wrap(object.get(name)));
                default -> object.set(name, randomValue(0));
            }
        } else if (target instanceof ArrayNode array) {
            int index = array.isEmpty() ? 0 : random.nextInt(array.size());
            switch (random.nextInt(4)) {
                case 0 -> {
                    if (!array.isEmpty()) {
                        array.remove(index);
                    }
                }
                case 1 -> array.add(randomValue(0));
                default -> {
                    if (array.isEmpty()) {
                        array.add(randomValue(0));
                    } else {
                        array.set(index, randomValue(0));
                    }
                }
            }
        }
        return input;
    }

    JsonNode wrap(JsonNode value) {
        return NODES.arrayNode().add(value == null ? NODES.nullNode() : value.deepCopy());
    }

    JsonNode randomValue(int depth) {
        switch (random.nextInt(depth > 3 ? 9 : 13)) {
            case 0: return NODES.nullNode();
            case 1: return NODES.booleanNode(random.nextBoolean());
            case 2: return NODES.numberNode(random.nextInt(2001) - 1000);
            case 3: return NODES.numberNode(pick(List.of(-1.5, 0.5, 1.0000001, Double.NaN, Double.POSITIVE_INFINITY, 1e308)));
            case 4: return NODES.numberNode(pick(List.of(new BigDecimal("1e400"), new BigDecimal("-1e-400"))));
            case 5: return NODES.numberNode(BigInteger.TEN.pow(400));
            case 6: case 7: return NODES.textNode(pick(STRINGS));
            case 8: return NODES.objectNode();
            case 9: return nestedArrays(1 + random.nextInt(120));
            case 10: {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(pick(KEYS), randomValue(depth + 1));
                }
                return object;
            }
            case 11: {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(depth + 1));
                }
                return array;
            }
            default: return XapiStatementReaderTests.parse(XapiStatementReaderTests.PASSED);
        }
    }

    static JsonNode nestedArrays(int depth) {
        ArrayNode root = NODES.arrayNode();
        ArrayNode current = root;
        for (int i = 1; i < depth; i++) {
            current = current.addArray();
        }
        return root;
    }

    static List<ContainerNode<?>> containers(JsonNode root) {
        List<ContainerNode<?>> found = new ArrayList<>();
        Deque<JsonNode> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty() && found.size() < 1_000) {
            JsonNode node = pending.pop();
            if (node instanceof ContainerNode<?> container) {
                found.add(container);
                node.forEach(pending::push);
            }
        }
        if (found.isEmpty()) {
            found.add(NODES.objectNode());
        }
        return found;
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static String abbreviate(JsonNode node) {
        if (containers(node).size() > 200) {
            return "(deeply nested input)";
        }
        String text = node.toString();
        return text.length() > 400 ? text.substring(0, 400) + "…" : text;
    }
}
