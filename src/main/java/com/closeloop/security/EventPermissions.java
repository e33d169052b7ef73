package com.closeloop.security;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Which events a caller may submit (least privilege): INGEST keys any type; QA the CAPA, deviation and change
 * events and its decisions over the rules (exemptions, equivalences, extensions, effectivity requests); SUPERVISOR
 * completions (their verification) and extension requests; OPERATOR their own training completions. Empty means allowed.
 */
@Component
public class EventPermissions {

    /** QA's decisions over the rules (SPEC §2b): a person posting them needs the QA role. */
    private static final java.util.Set<String> QA_DECISIONS = java.util.Set.of("closeloop.training.exemption.granted",
            "closeloop.training.exemption.revoked", "closeloop.training.equivalence.upserted",
            "closeloop.assignment.extension.requested", "closeloop.document.effectivity.requested");

    public Optional<String> refusal(Authentication auth, String type, JsonNode data) {
        if (Caller.has(auth, Role.INGEST)) {
            return Optional.empty();
        }
        if (Caller.has(auth, Role.QA) && type != null && (type.startsWith("closeloop.capa.") || type.equals("closeloop.deviation.reported")
                || type.equals("closeloop.change.notified") || QA_DECISIONS.contains(type))) {
            return Optional.empty();
        }
        if (Caller.has(auth, Role.SUPERVISOR) && "closeloop.assignment.extension.requested".equals(type)) {
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
