package com.closeloop.demo;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.Map;

import com.closeloop.ingest.EventOutcome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Loads a small demo plant on the embedded default (closeloop.demo.enabled, on unless the postgres profile
 * is active). The demo is a list of CloudEvents sent through the same route as every other event; their
 * fixed (source, id) make every later start a no-op (DUPLICATE).
 */
@Component
@ConditionalOnProperty(name = "closeloop.demo.enabled", havingValue = "true")
class DemoPlant implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoPlant.class);
    static final String EVENTS = "demo/plant-events.json";

    private final ProducerTemplate camel;
    private final ObjectMapper json;

    DemoPlant(ProducerTemplate camel, ObjectMapper json) {
        this.camel = camel;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        JsonNode events;
        try (InputStream in = new ClassPathResource(EVENTS).getInputStream()) {
            events = json.readTree(in);
        }
        Map<EventOutcome.Status, Integer> counts = new EnumMap<>(EventOutcome.Status.class);
        for (JsonNode event : events) {
            EventOutcome outcome = camel.requestBody("direct:closeloop-events", json.writeValueAsString(event), EventOutcome.class);
            counts.merge(outcome.status(), 1, Integer::sum);
            if (outcome.status() == EventOutcome.Status.REJECTED) {
                log.warn("Demo event {} rejected: {}", outcome.eventId(), outcome.errors());
            }
        }
        log.info("Demo plant: {} events ({})", events.size(), counts);
    }
}
