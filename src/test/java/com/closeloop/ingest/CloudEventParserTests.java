package com.closeloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CloudEvents envelope: every problem named, nothing else escapes. */
class CloudEventParserTests {

    final CloudEventParser parser = new CloudEventParser();

    @Test
    void aValidStructuredEventIsParsed() {
        CloudEvent event = parser.parse("""
                {"specversion":"1.0","id":"e-1","source":"urn:eqms","type":"closeloop.jobfunction.upserted",
                 "time":"2026-03-01T08:00:00+01:00","datacontenttype":"application/json","data":{"code":"X","name":"Y"}}""");
        assertThat(event.id()).isEqualTo("e-1");
        assertThat(event.source()).isEqualTo("urn:eqms");
        assertThat(event.time().toInstant().toString()).isEqualTo("2026-03-01T07:00:00Z");
        assertThat(event.data().path("code").asText()).isEqualTo("X");
    }

    @Test
    void timeIsOptional() {
        assertThat(parser.parse("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"t\",\"data\":{}}").time()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "[]", "42", "\"text\"", "{", "{\"a\":}", "null" })
    void nonObjectsAndBrokenJsonAreNamedAsTheBody(String body) {
        InvalidEventException e = catchThrowableOfType(() -> parser.parse(body), InvalidEventException.class);
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("body");
        assertThat(e.unprocessable()).isFalse();
    }

    @Test
    void eachEnvelopeProblemIsNamed() {
        InvalidEventException e = catchThrowableOfType(() -> parser.parse("""
                {"specversion":1.0,"id":"","source":"has space","type":7,"time":"yesterday",
                 "datacontenttype":"text/xml","data":"x"}"""), InvalidEventException.class);
        assertThat(e.errors()).extracting(FieldError::field)
                .containsExactly("specversion", "id", "source", "type", "time", "datacontenttype", "data");
    }

    @Test
    void deeplyNestedJsonIsRefusedAsTheBodyNotAnError() {
        String deep = "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);
        InvalidEventException e = catchThrowableOfType(() -> parser.parse(deep), InvalidEventException.class);
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("body");
    }

    @Test
    void overlongIdsAreRefused() {
        String id = "x".repeat(201);
        InvalidEventException e = catchThrowableOfType(() -> parser.parse("{\"specversion\":\"1.0\",\"id\":\"" + id
                + "\",\"source\":\"s\",\"type\":\"t\",\"data\":{}}"), InvalidEventException.class);
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("id");
    }
}
