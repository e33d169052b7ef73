package com.closeloop.xapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class XapiStatementTests {

    static XapiStatement verb(String verbId) {
        return new XapiStatement("id", verbId, null, null, null, "urn:x", null, null, null, null, null, null, null, "{}");
    }

    static XapiStatement score(Double scaled, Double raw, Double min, Double max) {
        return new XapiStatement("id", "urn:v", null, null, null, "urn:x", scaled, raw, min, max, null, null, null, "{}");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://adlnet.gov/expapi/verbs/completed",
            "http://adlnet.gov/expapi/verbs/passed",
            "https://adlnet.gov/expapi/verbs/completed",
            "https://adlnet.gov/expapi/verbs/passed",
            "https://lms.example.com/xapi/verbs/completed",
            "http://id.tincanapi.com/verb/passed?lang=en",
            "https://w3id.org/xapi/verbs/completed#v1"})
    void completingVerbs(String verbId) {
        assertThat(verb(verbId).completes()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://adlnet.gov/expapi/verbs/failed",
            "http://adlnet.gov/expapi/verbs/attempted",
            "http://adlnet.gov/expapi/verbs/Completed",
            "http://adlnet.gov/expapi/verbs/completed/",
            "http://adlnet.gov/expapi/verbs/completedx",
            "http://example.com/completed/later",
            "urn:verb:completed",
            "completed",
            ""})
    void nonCompletingVerbs(String verbId) {
        assertThat(verb(verbId).completes()).isFalse();
    }

    @Test
    void aMissingVerbDoesNotComplete() {
        assertThat(verb(null).completes()).isFalse();
    }

    @ParameterizedTest(name = "scaled={0} raw={1} min={2} max={3} -> {4}")
    @CsvSource(nullValues = "-", value = {
            "0.85, 85, 0, 100, 85.0",
            "0, -, -, -, 0.0",
            "1, -, -, -, 100.0",
            "-0.5, 30, 20, 40, 50.0",
            "-, 42, 0, 50, 84.0",
            "-, 3, 1, 5, 50.0",
            "-, 70, -, -, 70.0",
            "-, 0, -, -, 0.0",
            "-, 100, -, -, 100.0",
            "-, 101, -, -, -",
            "-, -1, -, -, -",
            "-, 5, 5, 5, -",
            "-, 5, 0, -, -",
            "-0.2, -, -, -, -",
            "-, -, -, -, -",
            "-, -, 0, 100, -"})
    void scoreOn0To100Scale(Double scaled, Double raw, Double min, Double max, Double expected) {
        Double score = score(scaled, raw, min, max).score0to100();
        if (expected == null) {
            assertThat(score).isNull();
        } else {
            assertThat(score).isCloseTo(expected, within(1e-9));
        }
    }
}
