package com.closeloop.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;

import com.closeloop.ingest.EventOutcome;
import com.closeloop.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The demo plant the embedded default loads: every event applies, and a second load changes nothing. */
@IntegrationTest
class DemoPlantIntegrationTests {

    @Autowired
    ProducerTemplate camel;

    @Autowired
    ObjectMapper json;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theDemoEventsApplyThroughTheEventRouteAndReloadingIsANoOp() throws Exception {
        JsonNode events;
        try (InputStream in = new ClassPathResource(DemoPlant.EVENTS).getInputStream()) {
            events = json.readTree(in);
        }
        boolean alreadyLoaded = count("select count(*) from processed_event where event_source = 'urn:closeloop:demo'") > 0;
        for (JsonNode event : events) {
            EventOutcome outcome = camel.requestBody("direct:closeloop-events", json.writeValueAsString(event), EventOutcome.class);
            assertThat(outcome.status()).as(event.path("id").asText() + " " + outcome.errors())
                    .isEqualTo(alreadyLoaded ? EventOutcome.Status.DUPLICATE : EventOutcome.Status.APPLIED);
        }
        // The story the README tells: E1004's failed assessment left 1.0 open until 2.0 superseded it.
        assertThat(jdbc.queryForList("select version || ' ' || status from training_assignment where employee_id = 'E1004'"
                + " and document_number = 'SOP-CL-001' order by version_seq", String.class))
                .containsExactly("1.0 SUPERSEDED", "2.0 OPEN");
        assertThat(count("select count(*) from training_assignment where document_number = 'SOP-CL-001' and version = '2.0'"))
                .isEqualTo(3);

        for (JsonNode event : events) {
            EventOutcome again = camel.requestBody("direct:closeloop-events", json.writeValueAsString(event), EventOutcome.class);
            assertThat(again.status()).isEqualTo(EventOutcome.Status.DUPLICATE);
        }
    }

    private int count(String sql) {
        Integer n = jdbc.queryForObject(sql, Integer.class);
        return n == null ? 0 : n;
    }
}
