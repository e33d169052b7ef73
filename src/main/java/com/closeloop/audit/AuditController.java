package com.closeloop.audit;

import java.util.List;

import com.closeloop.ApiProblem;
import com.closeloop.RequestValues;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/audit}: the trail, filtered by entity and id, by source event, or by time, in sequence order
 * (page with {@code afterSeq}); {@code GET /api/audit/verify}: the chain re-computed.
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10_000;

    private final AuditLog log;
    private final AuditVerifier verifier;

    AuditController(AuditLog log, AuditVerifier verifier) {
        this.log = log;
        this.verifier = verifier;
    }

    @GetMapping
    List<AuditEntryView> entries(@RequestParam(required = false) String entity, @RequestParam(required = false) String id,
            @RequestParam(required = false) String eventSource, @RequestParam(required = false) String eventId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "0") long afterSeq, @RequestParam(defaultValue = "" + DEFAULT_LIMIT) int limit) {
        if (entity != null && !AuditLog.ENTITIES.contains(entity)) {
            throw ApiProblem.badRequest("entity", "unknown entity '" + abbreviate(entity) + "'; one of " + String.join(", ",
                    AuditLog.ENTITIES));
        }
        if (id != null && entity == null) {
            throw ApiProblem.badRequest("entity", "is required with id");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return log.find(new AuditLog.Query(entity, id, eventSource, eventId, RequestValues.instant("from", from), RequestValues.instant("to", to), afterSeq, limit));
    }

    @GetMapping("/verify")
    AuditVerifier.Verification verify() {
        return verifier.verify();
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
