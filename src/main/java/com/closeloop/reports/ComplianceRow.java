package com.closeloop.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One row of the training-compliance report (SPEC §4 "compliance report row"): a document version × job function ×
 * employee, with the assignment that required the training and how it ended. Extra fields: the document title,
 * the assignment id, the completion's signatures (manifestations) and the link to the assignment's audit history.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ComplianceRow(String documentNumber, String version, LocalDate effectiveDate, String jobFunction, String employeeId,
        Instant assignedAt, LocalDate dueDate, Instant completedAt, Boolean completedBeforeEffective, Long daysLate, String status,
        String reason, LocalDate originalDueDate, boolean extended, String title, String assignmentId, String completionId,
        List<String> signatures, String audit) {

    /** The CSV header: the SPEC's fields in its order, then the extras. */
    static final String[] CSV_HEADER = { "documentNumber", "version", "effectiveDate", "jobFunction", "employeeId", "assignedAt",
            "dueDate", "completedAt", "completedBeforeEffective", "daysLate", "status", "reason", "originalDueDate", "extended", "title",
            "assignmentId", "signatures" };
}
