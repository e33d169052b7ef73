package com.closeloop.training;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.closeloop.PlantClock;
import com.closeloop.facts.PlantFacts;
import com.closeloop.security.Caller;
import com.closeloop.security.Role;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Training queries: an employee's assignments and the qualification gate (SPEC §4). */
@RestController
class TrainingController {

    private static final Set<String> STATUSES = Set.of("OPEN", "COMPLETED", "CANCELLED", "SUPERSEDED", "EXEMPTED");

    private final Assignments assignments;
    private final QualificationCheck qualification;
    private final PlantFacts facts;
    private final PlantClock clock;
    private final TrainingAccess access;

    TrainingController(Assignments assignments, QualificationCheck qualification, PlantFacts facts, PlantClock clock,
            TrainingAccess access) {
        this.access = access;
        this.assignments = assignments;
        this.qualification = qualification;
        this.facts = facts;
        this.clock = clock;
    }

    /** Every assignment of the employee, or those with {@code status}; sorted by due date, document, version. */
    @GetMapping("/api/employees/{employeeId}/assignments")
    List<AssignmentView> assignments(@PathVariable String employeeId, @RequestParam(required = false) String status,
            Authentication caller) {
        requireMayRead(caller, employeeId);
        String wanted = null;
        if (status != null && !status.isBlank()) {
            wanted = status.trim().toUpperCase(Locale.ROOT);
            if (!STATUSES.contains(wanted)) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        "status must be one of " + String.join(", ", STATUSES.stream().sorted().toList()));
            }
        }
        if (!facts.employeeExists(employeeId)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown employee '" + employeeId + "'");
        }
        return assignments.ofEmployee(employeeId, wanted, clock.dateOf(clock.now()));
    }

    /** May the employee perform work governed by the document at {@code at} (default: now)? */
    @GetMapping("/api/qualification")
    Qualification qualification(@RequestParam String employeeId, @RequestParam String documentNumber,
            @RequestParam(required = false) String at, Authentication caller) {
        requireMayRead(caller, employeeId);
        Instant instant = at == null || at.isBlank() ? clock.now() : parseInstant(at);
        return qualification.check(employeeId, documentNumber, instant).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, facts.employeeExists(employeeId) ? "unknown document '" + documentNumber + "'"
                        : "unknown employee '" + employeeId + "'"));
    }

    private void requireMayRead(Authentication caller, String employeeId) {
        access.requireMayRead(caller, employeeId);
    }

    private static Instant parseInstant(String text) {
        try {
            return OffsetDateTime.parse(text.trim().replace(' ', '+'), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "at must be an RFC 3339 timestamp with offset, e.g. 2026-03-01T08:00:00Z");
        }
    }
}
