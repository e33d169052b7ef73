package com.closeloop.xapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.closeloop.ingest.FieldError;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class XapiStatementReaderTests {

    static final ObjectMapper JSON = new ObjectMapper();

    static final String COMPLETED = """
            {
              "id": "6690E6C9-3EF0-4ED3-8B37-7F3964730BEE",
              "actor": {"objectType": "Agent", "name": "Erika Muster",
                        "account": {"homePage": "https://lms.example.com", "name": "E1"}},
              "verb": {"id": "http://adlnet.gov/expapi/verbs/completed", "display": {"en-US": "completed", "de": "abgeschlossen"}},
              "object": {"objectType": "Activity", "id": "urn:closeloop:document:SOP-CL-001:version:2.0",
                         "definition": {"name": {"en-US": "Cleaning SOP"}, "type": "http://adlnet.gov/expapi/activities/course"}},
              "result": {"score": {"scaled": 0.85, "raw": 85, "min": 0, "max": 100},
                         "success": true, "completion": true, "duration": "PT1H0M0.1S",
                         "extensions": {"https://lms.example.com/ext/attempt": null}},
              "context": {"registration": "ec531277-b57b-4c15-8d91-d292c5b2b8f7", "platform": "Moodle", "language": "en-US"},
              "timestamp": "2026-01-15T10:00:00.123+01:00",
              "stored": "2026-01-15T09:00:01Z",
              "version": "1.0.3"
            }
            """;

    static final String PASSED = """
            {
              "actor": {"mbox": "mailto:max.mustermann@example.com"},
              "verb": {"id": "https://adlnet.gov/expapi/verbs/passed"},
              "object": {"id": "https://lms.example/courses/SOP-CL-002/v/1.0"},
              "result": {"score": {"raw": 42, "min": 0, "max": 50}, "success": true},
              "timestamp": "2026-02-01T08:30:00Z"
            }
            """;

    final XapiStatementReader reader = new XapiStatementReader(JSON);

    static ObjectNode parse(String text) {
        try {
            return (ObjectNode) JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static ObjectNode completed() {
        return parse(COMPLETED);
    }

    static ObjectNode node(ObjectNode root, String path) {
        ObjectNode node = root;
        for (String name : path.split("\\.")) {
            node = (ObjectNode) node.get(name);
        }
        return node;
    }

    static ObjectNode actorWithoutAccount(ObjectNode statement) {
        ObjectNode actor = node(statement, "actor");
        actor.remove("account");
        return actor;
    }

    List<FieldError> errors(JsonNode body) {
        XapiValidationException thrown = catchThrowableOfType(XapiValidationException.class, () -> reader.read(body));
        assertThat(thrown).as("expected a validation failure").isNotNull();
        return thrown.errors();
    }

    @Test
    void readsCompletedStatementWithAccountActor() {
        ObjectNode body = completed();

        List<XapiStatement> statements = reader.read(body);

        assertThat(statements).hasSize(1);
        XapiStatement statement = statements.get(0);
        assertThat(statement.id()).isEqualTo("6690e6c9-3ef0-4ed3-8b37-7f3964730bee");
        assertThat(statement.verbId()).isEqualTo("http://adlnet.gov/expapi/verbs/completed");
        assertThat(statement.actorAccountName()).isEqualTo("E1");
        assertThat(statement.actorAccountHomePage()).isEqualTo("https://lms.example.com");
        assertThat(statement.actorMbox()).isNull();
        assertThat(statement.objectId()).isEqualTo("urn:closeloop:document:SOP-CL-001:version:2.0");
        assertThat(statement.scoreScaled()).isEqualTo(0.85);
        assertThat(statement.scoreRaw()).isEqualTo(85.0);
        assertThat(statement.scoreMin()).isEqualTo(0.0);
        assertThat(statement.scoreMax()).isEqualTo(100.0);
        assertThat(statement.score0to100()).isEqualTo(85.0);
        assertThat(statement.success()).isTrue();
        assertThat(statement.completion()).isTrue();
        assertThat(statement.timestamp()).isEqualTo(OffsetDateTime.parse("2026-01-15T10:00:00.123+01:00"));
        assertThat(statement.completes()).isTrue();
        assertThat(statement.json()).isEqualTo(body.toString()).doesNotContain("\n");
    }

    @Test
    void readsPassedStatementWithMboxActor() {
        XapiStatement statement = reader.read(parse(PASSED)).get(0);

        assertThat(statement.actorMbox()).isEqualTo("mailto:max.mustermann@example.com");
        assertThat(statement.actorAccountName()).isNull();
        assertThat(statement.actorAccountHomePage()).isNull();
        assertThat(statement.verbId()).isEqualTo("https://adlnet.gov/expapi/verbs/passed");
        assertThat(statement.objectId()).isEqualTo("https://lms.example/courses/SOP-CL-002/v/1.0");
        assertThat(statement.scoreScaled()).isNull();
        assertThat(statement.score0to100()).isEqualTo(84.0);
        assertThat(statement.success()).isTrue();
        assertThat(statement.completion()).isNull();
        assertThat(statement.timestamp()).isEqualTo(OffsetDateTime.parse("2026-02-01T08:30:00Z"));
        assertThat(statement.completes()).isTrue();
        assertThat(statement.id()).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void readsAnArrayOfStatementsInOrder() {
        ArrayNode body = JSON.createArrayNode().add(completed()).add(parse(PASSED));

        List<XapiStatement> statements = reader.read(body);

        assertThat(statements).extracting(XapiStatement::verbId)
                .containsExactly("http://adlnet.gov/expapi/verbs/completed", "https://adlnet.gov/expapi/verbs/passed");
    }

    @Test
    void aStatementWithoutResultOrTimestampHasNoScoreAndDoesNotCompleteWhenExperienced() {
        ObjectNode body = parse(PASSED);
        body.remove(List.of("result", "timestamp"));
        node(body, "verb").put("id", "http://adlnet.gov/expapi/verbs/experienced");

        XapiStatement statement = reader.read(body).get(0);

        assertThat(statement.timestamp()).isNull();
        assertThat(statement.score0to100()).isNull();
        assertThat(statement.success()).isNull();
        assertThat(statement.completes()).isFalse();
    }

    static Stream<Arguments> acceptedVariants() {
        return Stream.<Consumer<ObjectNode>>of(
                s -> node(s, "actor").remove("objectType"),
                s -> node(s, "actor").remove("name"),
                s -> actorWithoutAccount(s).put("mbox_sha1sum", "ebd31e95054c018b10727ccffd2ef2ec3a016ee9"),
                s -> actorWithoutAccount(s).put("openid", "https://openid.example.org/erika"),
                s -> node(s, "object").remove("objectType"),
                s -> node(s, "object").remove("definition"),
                s -> node(s, "verb").remove("display"),
                s -> s.remove(List.of("id", "stored", "version", "context", "result")),
                s -> s.put("version", "1.0"),
                s -> s.put("version", "1.0.0"),
                s -> s.put("timestamp", "2026-01-15T10:00:00+00:00"),
                s -> s.put("timestamp", "2026-01-15T10:00:00.123456Z"),
                s -> s.put("timestamp", "2026-01-15T10:00:00-05:00"),
                s -> node(s, "result").put("duration", "P1D"),
                s -> node(s, "result").put("duration", "P1Y2M3D"),
                s -> node(s, "result").put("duration", "PT15M"),
                s -> node(s, "result").put("duration", "P0Y0M0DT0H5M30S"),
                s -> node(s, "result").put("duration", "P2DT3H"),
                s -> node(s, "result.score").put("scaled", -1).put("raw", 0),
                s -> node(s, "result.score").put("scaled", 1).put("raw", 100),
                s -> node(s, "result.score").removeAll(),
                s -> node(s, "result.score").remove(List.of("min", "max")),
                s -> node(s, "result").put("success", false).put("completion", false),
                s -> node(s, "context").putObject("extensions").putNull("http://example.com/null"),
                s -> node(s, "object.definition").put("interactionType", "choice"),
                s -> node(s, "verb.display").put("zh-Hant-TW", "完成"))
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("acceptedVariants")
    void acceptsValidVariants(Consumer<ObjectNode> change) {
        ObjectNode body = completed();
        change.accept(body);

        assertThat(reader.read(body)).hasSize(1);
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                // required parts and their JSON types
                arguments("actor missing", (Consumer<ObjectNode>) s -> s.remove("actor"), "actor"),
                arguments("verb missing", (Consumer<ObjectNode>) s -> s.remove("verb"), "verb"),
                arguments("object missing", (Consumer<ObjectNode>) s -> s.remove("object"), "object"),
                arguments("verb is a string", (Consumer<ObjectNode>) s -> s.put("verb", "completed"), "verb"),
                arguments("actor is an array", (Consumer<ObjectNode>) s -> s.putArray("actor").add("x"), "actor"),
                arguments("object is a number", (Consumer<ObjectNode>) s -> s.put("object", 7), "object"),
                arguments("actor is null", (Consumer<ObjectNode>) s -> s.putNull("actor"), "actor"),
                arguments("result is a string", (Consumer<ObjectNode>) s -> s.put("result", "passed"), "result"),
                arguments("context is an array", (Consumer<ObjectNode>) s -> s.putArray("context"), "context"),
                arguments("authority is a string", (Consumer<ObjectNode>) s -> s.put("authority", "lms"), "authority"),
                arguments("attachments is an object", (Consumer<ObjectNode>) s -> s.putObject("attachments"), "attachments"),
                arguments("null deep inside", (Consumer<ObjectNode>) s -> node(s, "result").putNull("success"), "result.success"),
                arguments("key in wrong case", (Consumer<ObjectNode>) s -> s.set("Actor", s.get("actor")), "Actor"),
                arguments("unknown verb key", (Consumer<ObjectNode>) s -> node(s, "verb").put("name", "x"), "verb.name"),
                // actor
                arguments("group actor", (Consumer<ObjectNode>) s -> node(s, "actor").put("objectType", "Group"), "actor.objectType"),
                arguments("actor objectType unknown", (Consumer<ObjectNode>) s -> node(s, "actor").put("objectType", "Person"),
                        "actor.objectType"),
                arguments("actor objectType number", (Consumer<ObjectNode>) s -> node(s, "actor").put("objectType", 1),
                        "actor.objectType"),
                arguments("actor name number", (Consumer<ObjectNode>) s -> node(s, "actor").put("name", 1), "actor.name"),
                arguments("no identifier", (Consumer<ObjectNode>) s -> node(s, "actor").remove("account"), "actor"),
                arguments("two identifiers", (Consumer<ObjectNode>) s -> node(s, "actor").put("mbox", "mailto:e1@example.com"), "actor"),
                arguments("mbox without mailto", (Consumer<ObjectNode>) s -> mbox(s, "e1@example.com"), "actor.mbox"),
                arguments("mbox with http", (Consumer<ObjectNode>) s -> mbox(s, "http://should.fail.com"), "actor.mbox"),
                arguments("mbox without @", (Consumer<ObjectNode>) s -> mbox(s, "mailto:should.fail.com"), "actor.mbox"),
                arguments("mbox with two @", (Consumer<ObjectNode>) s -> mbox(s, "mailto:a@b@example.com"), "actor.mbox"),
                arguments("mbox empty local part", (Consumer<ObjectNode>) s -> mbox(s, "mailto:@example.com"), "actor.mbox"),
                arguments("mbox domain without dot", (Consumer<ObjectNode>) s -> mbox(s, "mailto:e1@localhost"), "actor.mbox"),
                arguments("mbox with space", (Consumer<ObjectNode>) s -> mbox(s, "mailto:e 1@example.com"), "actor.mbox"),
                arguments("mbox number", (Consumer<ObjectNode>) s -> actorWithoutAccount(s).put("mbox", 12345),
                        "actor.mbox"),
                arguments("mbox_sha1sum not hex", (Consumer<ObjectNode>) s -> actorWithoutAccount(s)
                        .put("mbox_sha1sum", "not-a-hash"), "actor.mbox_sha1sum"),
                arguments("openid not an IRI", (Consumer<ObjectNode>) s -> actorWithoutAccount(s)
                        .put("openid", "openid.example.org"), "actor.openid"),
                arguments("account a string", (Consumer<ObjectNode>) s -> node(s, "actor").put("account", "E1"), "actor.account"),
                arguments("account homePage missing", (Consumer<ObjectNode>) s -> node(s, "actor.account").remove("homePage"),
                        "actor.account.homePage"),
                arguments("account homePage without scheme", (Consumer<ObjectNode>) s -> node(s, "actor.account")
                        .put("homePage", "lms.example.com"), "actor.account.homePage"),
                arguments("account homePage bad scheme", (Consumer<ObjectNode>) s -> node(s, "actor.account")
                        .put("homePage", "ab=c://should.fail.com"), "actor.account.homePage"),
                arguments("account name missing", (Consumer<ObjectNode>) s -> node(s, "actor.account").remove("name"),
                        "actor.account.name"),
                arguments("account name empty", (Consumer<ObjectNode>) s -> node(s, "actor.account").put("name", ""),
                        "actor.account.name"),
                arguments("account name object", (Consumer<ObjectNode>) s -> node(s, "actor.account").putObject("name")
                        .put("key", "value"), "actor.account.name"),
                // verb
                arguments("verb id missing", (Consumer<ObjectNode>) s -> node(s, "verb").remove("id"), "verb.id"),
                arguments("verb id not an IRI", (Consumer<ObjectNode>) s -> node(s, "verb").put("id", "completed"), "verb.id"),
                arguments("verb id with space", (Consumer<ObjectNode>) s -> node(s, "verb").put("id", "http://x.org/a b"), "verb.id"),
                arguments("verb id starts with digit", (Consumer<ObjectNode>) s -> node(s, "verb").put("id", "1http://x.org"),
                        "verb.id"),
                arguments("verb id scheme only", (Consumer<ObjectNode>) s -> node(s, "verb").put("id", "http:"), "verb.id"),
                arguments("verb id number", (Consumer<ObjectNode>) s -> node(s, "verb").put("id", 3), "verb.id"),
                arguments("verb display string", (Consumer<ObjectNode>) s -> node(s, "verb").put("display", "completed"),
                        "verb.display"),
                arguments("verb display value number", (Consumer<ObjectNode>) s -> node(s, "verb.display").put("en-US", 1),
                        "verb.display.en-US"),
                arguments("verb display key not a language", (Consumer<ObjectNode>) s -> node(s, "verb.display")
                        .put("something", "x"), "verb.display.something"),
                // object
                arguments("object id missing", (Consumer<ObjectNode>) s -> node(s, "object").remove("id"), "object.id"),
                arguments("object id not an IRI", (Consumer<ObjectNode>) s -> node(s, "object").put("id", "SOP-CL-001"), "object.id"),
                arguments("object is an agent", (Consumer<ObjectNode>) s -> node(s, "object").put("objectType", "Agent"),
                        "object.objectType"),
                arguments("object is a statement ref", (Consumer<ObjectNode>) s -> s.set("object", parse(
                        "{\"objectType\": \"StatementRef\", \"id\": \"6690e6c9-3ef0-4ed3-8b37-7f3964730bee\"}")), "object.objectType"),
                arguments("object objectType in wrong case", (Consumer<ObjectNode>) s -> node(s, "object").put("objectType", "activity"),
                        "object.objectType"),
                arguments("definition a string", (Consumer<ObjectNode>) s -> node(s, "object").put("definition", "SOP"),
                        "object.definition"),
                arguments("definition name a string", (Consumer<ObjectNode>) s -> node(s, "object.definition").put("name", "SOP"),
                        "object.definition.name"),
                arguments("definition type not an IRI", (Consumer<ObjectNode>) s -> node(s, "object.definition").put("type", "course"),
                        "object.definition.type"),
                arguments("interactionType wrong case", (Consumer<ObjectNode>) s -> node(s, "object.definition")
                        .put("interactionType", "choiCe"), "object.definition.interactionType"),
                // statement id, timestamp, stored, version
                arguments("id not a UUID", (Consumer<ObjectNode>) s -> s.put("id", "statement-1"), "id"),
                arguments("id with too many digits", (Consumer<ObjectNode>) s -> s.put("id", "AA97B177-9383-4934-8543-0F91A7A028368"),
                        "id"),
                arguments("id with invalid letter", (Consumer<ObjectNode>) s -> s.put("id", "MA97B177-9383-4934-8543-0F91A7A02836"),
                        "id"),
                arguments("id without dashes", (Consumer<ObjectNode>) s -> s.put("id", "6690e6c93ef04ed38b377f3964730bee"), "id"),
                arguments("id number", (Consumer<ObjectNode>) s -> s.put("id", 42), "id"),
                arguments("timestamp without offset", (Consumer<ObjectNode>) s -> s.put("timestamp", "2026-01-15T10:00:00"), "timestamp"),
                arguments("timestamp with -00:00", (Consumer<ObjectNode>) s -> s.put("timestamp", "2026-01-15T10:00:00-00:00"),
                        "timestamp"),
                arguments("timestamp a date", (Consumer<ObjectNode>) s -> s.put("timestamp", "01/011/2015"), "timestamp"),
                arguments("timestamp a number", (Consumer<ObjectNode>) s -> s.put("timestamp", 1736935200), "timestamp"),
                arguments("stored with -00:00", (Consumer<ObjectNode>) s -> s.put("stored", "2026-01-15T10:00:00-00:00"), "stored"),
                arguments("stored without time", (Consumer<ObjectNode>) s -> s.put("stored", "2026-01-15"), "stored"),
                arguments("version 2.0.0", (Consumer<ObjectNode>) s -> s.put("version", "2.0.0"), "version"),
                arguments("version 0.95", (Consumer<ObjectNode>) s -> s.put("version", "0.95"), "version"),
                arguments("version number", (Consumer<ObjectNode>) s -> s.put("version", 1.0), "version"),
                // result
                arguments("scaled above 1", (Consumer<ObjectNode>) s -> node(s, "result.score").put("scaled", 1.01), "result.score.scaled"),
                arguments("scaled below -1", (Consumer<ObjectNode>) s -> node(s, "result.score").put("scaled", -1.5), "result.score.scaled"),
                arguments("scaled a string", (Consumer<ObjectNode>) s -> node(s, "result.score").put("scaled", "0.5"), "result.score.scaled"),
                arguments("raw a string", (Consumer<ObjectNode>) s -> node(s, "result.score").put("raw", "85"), "result.score.raw"),
                arguments("min a boolean", (Consumer<ObjectNode>) s -> node(s, "result.score").put("min", false), "result.score.min"),
                arguments("max an object", (Consumer<ObjectNode>) s -> node(s, "result.score").putObject("max"), "result.score.max"),
                arguments("min equals max", (Consumer<ObjectNode>) s -> node(s, "result.score").put("min", 100).put("raw", 100),
                        "result.score.min"),
                arguments("min above max", (Consumer<ObjectNode>) s -> node(s, "result.score").put("min", 200).remove("raw"),
                        "result.score.min"),
                arguments("raw above max", (Consumer<ObjectNode>) s -> node(s, "result.score").put("raw", 101), "result.score.raw"),
                arguments("raw below min", (Consumer<ObjectNode>) s -> node(s, "result.score").put("raw", -1), "result.score.raw"),
                arguments("score a number", (Consumer<ObjectNode>) s -> node(s, "result").put("score", 85), "result.score"),
                arguments("success a string", (Consumer<ObjectNode>) s -> node(s, "result").put("success", "true"), "result.success"),
                arguments("completion a number", (Consumer<ObjectNode>) s -> node(s, "result").put("completion", 1), "result.completion"),
                arguments("duration free text", (Consumer<ObjectNode>) s -> node(s, "result").put("duration", "1 hour"), "result.duration"),
                arguments("duration bad designator", (Consumer<ObjectNode>) s -> node(s, "result").put("duration", "PA1H0M0S"),
                        "result.duration"),
                arguments("duration dangling T", (Consumer<ObjectNode>) s -> node(s, "result").put("duration", "P1DT"), "result.duration"),
                arguments("duration only P", (Consumer<ObjectNode>) s -> node(s, "result").put("duration", "P"), "result.duration"),
                arguments("duration a number", (Consumer<ObjectNode>) s -> node(s, "result").put("duration", 3600), "result.duration"),
                arguments("response a number", (Consumer<ObjectNode>) s -> node(s, "result").put("response", 3), "result.response"),
                arguments("result extensions an array", (Consumer<ObjectNode>) s -> node(s, "result").putArray("extensions"),
                        "result.extensions"),
                // context
                arguments("registration not a UUID", (Consumer<ObjectNode>) s -> node(s, "context").put("registration", "r-1"),
                        "context.registration"),
                arguments("platform a number", (Consumer<ObjectNode>) s -> node(s, "context").put("platform", 1), "context.platform"));
    }

    static void mbox(ObjectNode statement, String mbox) {
        actorWithoutAccount(statement).put("mbox", mbox);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void namesTheViolatedField(String description, Consumer<ObjectNode> change, String field) {
        ObjectNode body = completed();
        change.accept(body);

        List<FieldError> errors = errors(body);

        assertThat(errors).extracting(FieldError::field).containsExactly(field);
        assertThat(errors.get(0).message()).isNotBlank();
    }

    @Test
    void groupsAreRefusedWithAMessageSayingSo() {
        ObjectNode body = completed();
        node(body, "actor").put("objectType", "Group");

        assertThat(errors(body)).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("actor.objectType");
            assertThat(error.message()).containsIgnoringCase("groups are not accepted");
        });
    }

    @Test
    void collectsEveryViolationOfOneStatement() {
        ObjectNode body = completed();
        body.put("id", "nope");
        body.remove("verb");
        node(body, "actor.account").put("homePage", "lms");
        node(body, "result.score").put("scaled", 2);
        body.put("timestamp", "yesterday");

        assertThat(errors(body)).extracting(FieldError::field)
                .containsExactlyInAnyOrder("id", "verb", "actor.account.homePage", "result.score.scaled", "timestamp");
    }

    @Test
    void prefixesFieldsWithTheIndexInAnArrayBody() {
        ObjectNode badMbox = parse(PASSED);
        node(badMbox, "actor").put("mbox", "max@example.com");
        ObjectNode noVerb = completed();
        noVerb.remove("verb");
        ArrayNode body = JSON.createArrayNode().add(completed()).add(badMbox).add(noVerb);

        XapiValidationException thrown = catchThrowableOfType(XapiValidationException.class, () -> reader.read(body));

        assertThat(thrown.errors()).extracting(FieldError::field).containsExactly("[1].actor.mbox", "[2].verb");
        assertThat(thrown.getMessage()).contains("[1].actor.mbox: ", "[2].verb: ");
    }

    @Test
    void anArrayElementThatIsNoObjectIsNamedByItsIndex() {
        ArrayNode body = JSON.createArrayNode().add(completed()).add(42).addNull();

        assertThat(errors(body)).extracting(FieldError::field).containsExactly("[1]", "[2]");
    }

    @Test
    void anEmptyArrayIsRefused() {
        assertThat(errors(JSON.createArrayNode())).extracting(FieldError::field).containsExactly("body");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"statement\"", "42", "true", "null"})
    void aBodyThatIsNeitherObjectNorArrayIsRefused(String body) throws JsonProcessingException {
        assertThat(errors(JSON.readTree(body))).extracting(FieldError::field).containsExactly("body");
    }

    @Test
    void aMissingOrJavaNullBodyIsRefused() {
        assertThat(errors(null)).extracting(FieldError::field).containsExactly("body");
        assertThat(errors(JSON.missingNode())).extracting(FieldError::field).containsExactly("body");
    }

    @Test
    void nullsAreAllowedOnlyInsideExtensions() {
        ObjectNode body = completed();
        node(body, "verb.display").putNull("fr");
        node(body, "object.definition").putObject("extensions").putArray("http://example.com/list").addNull();

        assertThat(errors(body)).extracting(FieldError::field).containsExactly("verb.display.fr");
    }

    @Test
    void refusesNestingDeeperThanTheLimitWithoutOverflowingTheStack() {
        ObjectNode body = completed();
        ArrayNode deepest = node(body, "result").putObject("extensions").putArray("http://example.com/deep");
        for (int i = 0; i < 100_000; i++) {
            deepest = deepest.addArray();
        }

        assertThat(errors(body)).singleElement().satisfies(error -> {
            assertThat(error.field()).startsWith("result.extensions.http://example.com/deep[0][0]");
            assertThat(error.message()).contains("nested");
        });
    }

    @Test
    void unreasonableNumbersAndHugeStringsAreViolationsNotFailures() {
        ObjectNode body = completed();
        node(body, "result.score").set("raw", JsonNodeFactory.instance.numberNode(new java.math.BigDecimal("1e400")));
        String huge = "x".repeat(2_000_000);
        body.put("timestamp", huge);
        body.put("id", huge);
        node(body, "verb").put("id", "http://example.com/" + huge + " ");
        node(body, "result").put("duration", "P" + "1".repeat(1_000_000));
        node(body, "actor").put("mbox", "mailto:" + "@".repeat(1_000_000));
        body.put(huge, 1);

        long start = System.nanoTime();
        List<FieldError> errors = errors(body);
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(errors).extracting(FieldError::field).contains("result.score.raw", "timestamp", "id", "verb.id",
                "result.duration", "actor.mbox", "actor");
        assertThat(errors).allSatisfy(error -> assertThat(error.field().length() + error.message().length()).isLessThan(300));
        assertThat(millis).isLessThan(1_000);
    }

    @Test
    void aStatementWithoutIdGetsTheSameNameBasedIdEachTime() throws JsonProcessingException {
        ObjectNode first = parse(PASSED);
        ObjectNode reordered = (ObjectNode) JSON.readTree("""
                {"timestamp": "2026-02-01T08:30:00Z",
                 "result": {"success": true, "score": {"max": 50, "min": 0, "raw": 42}},
                 "object": {"id": "https://lms.example/courses/SOP-CL-002/v/1.0"},
                 "verb": {"id": "https://adlnet.gov/expapi/verbs/passed"},
                 "actor": {"mbox": "mailto:max.mustermann@example.com"}}
                """);
        ObjectNode other = parse(PASSED);
        node(other, "result.score").put("raw", 43);

        String id = reader.read(first).get(0).id();

        assertThat(reader.read(parse(PASSED)).get(0).id()).isEqualTo(id);
        assertThat(reader.read(reordered).get(0).id()).isEqualTo(id);
        assertThat(reader.read(other).get(0).id()).isNotEqualTo(id);
        assertThat(java.util.UUID.fromString(id).version()).isEqualTo(3);
        assertThat(reader.read(first).get(0).json()).doesNotContain("\"id\":\"" + id);
    }

    @Test
    void keepsTheStatementJsonCompactAsReceived() throws JsonProcessingException {
        ObjectMapper indenting = new ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        ObjectNode body = parse(PASSED);

        String json = new XapiStatementReader(indenting).read(body).get(0).json();

        assertThat(json).doesNotContain("\n", "  ").startsWith("{\"actor\":{\"mbox\":");
        assertThat(JSON.readTree(json)).isEqualTo(body);
    }

    @Test
    void theExceptionListsErrorsImmutably() {
        XapiValidationException exception = new XapiValidationException(List.of(new FieldError("verb", "is required")));

        assertThat(exception.getMessage()).isEqualTo("verb: is required");
        assertThatThrownBy(() -> exception.errors().add(new FieldError("x", "y")))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
