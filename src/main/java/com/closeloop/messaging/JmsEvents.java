package com.closeloop.messaging;

import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The JMS route's conversion: CloudEvents binary mode (properties {@code ce_specversion}, {@code ce_id}, …; body = data)
 * to structured JSON.
 */
@Component("jmsEvents")
public class JmsEvents {

    private final ObjectMapper json;

    JmsEvents(ObjectMapper json) {
        this.json = json;
    }

    /** Structured-mode messages pass unchanged; binary-mode messages become structured JSON. */
    public String toStructured(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        Map<String, Object> headers = exchange.getMessage().getHeaders();
        if (!headers.containsKey("ce_specversion")) {
            return body;
        }
        ObjectNode event = json.createObjectNode();
        headers.forEach((name, value) -> {
            if (name.startsWith("ce_") && value != null) {
                event.put(name.substring(3), value.toString());
            }
        });
        try {
            JsonNode data = body == null || body.isBlank() ? null : json.readTree(body);
            event.set("data", data);
        } catch (JsonProcessingException e) {
            event.put("data", body); // not an object: the gateway names "data" as the problem
        }
        return event.toString();
    }
}
