package com.closeloop.security;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Which events a caller may submit (least privilege): INGEST keys any type; QA the CAPA, deviation and change
 * events; OPERATOR their own training completions; SUPERVISOR completions (their verification). Empty means allowed.
 */
@Component
public class EventPermissions {

    public Optional<String> refusal(Authentication auth, String type, JsonNode data) {
        if (Caller.has(auth, Role.INGEST)) {
            return Optional.empty();
        }
        if (Caller.has(auth, Role.QA) && type != null && (type.startsWith("closeloop.capa.") || type.equals("closeloop.deviation.reported")
                || type.equals("closeloop.change.notified"))) {
            return Optional.empty();
        }
        if ("closeloop.training.completed".equals(type)) {
            if (Caller.has(auth, Role.SUPERVISOR)) {
                return Optional.empty();
            }
            if (Caller.has(auth, Role.OPERATOR)) {
                String own = Caller.employeeId(auth).orElse(null);
                String subject = data == null ? null : data.path("employeeId").asText(null);
                if (own != null && own.equals(subject)) {
                    return Optional.empty();
                }
                return Optional.of("an operator may report only their own completions");
            }
        }
        return Optional.of("your role may not submit " + (type == null ? "this event" : type));
    }
}
