package com.closeloop.training;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The answer to "may employee E perform work governed by document D at instant T?" (SPEC §2.2, §4b).
 *
 * @param reason              first that applies: NOT_IN_MATRIX, CURRENT, EQUIVALENT, EXEMPT, IMPLEMENTATION_PERIOD, EXPIRED,
 *                            EVIDENCE_INSUFFICIENT, REQUIRED_VERSION_NOT_COMPLETED, NEVER_TRAINED (and NO_EFFECTIVE_VERSION
 *                            before the document's first effective date)
 * @param completedBy         for EQUIVALENT: the course whose completion counted
 * @param exemption           for EXEMPT: the exemption in force at T
 * @param implementationUntil for IMPLEMENTATION_PERIOD: the last day of the period
 * @param openAssignment      the assignment for this document that was open at T, if any
 */
public record Qualification(String employeeId, String documentNumber, Instant at, LocalDate plantDate, boolean qualified,
        String reason, String requiredVersion, LocalDate requiredVersionEffectiveDate, String completedVersion, Instant completedAt,
        String detail, CompletedBy completedBy, ExemptionRef exemption, LocalDate implementationUntil, OpenAssignmentAt openAssignment) {

    Qualification withCompletedBy(CompletedBy by) {
        return new Qualification(employeeId, documentNumber, at, plantDate, qualified, reason, requiredVersion,
                requiredVersionEffectiveDate, completedVersion, completedAt, detail, by, exemption, implementationUntil, openAssignment);
    }

    Qualification withExemption(ExemptionRef ref) {
        return new Qualification(employeeId, documentNumber, at, plantDate, qualified, reason, requiredVersion,
                requiredVersionEffectiveDate, completedVersion, completedAt, detail, completedBy, ref, implementationUntil, openAssignment);
    }

    Qualification withImplementationUntil(LocalDate until) {
        return new Qualification(employeeId, documentNumber, at, plantDate, qualified, reason, requiredVersion,
                requiredVersionEffectiveDate, completedVersion, completedAt, detail, completedBy, exemption, until, openAssignment);
    }

    /** The open assignment at T, with whether it was overdue then. */
    public record OpenAssignmentAt(String assignmentId, String version, LocalDate dueDate, boolean overdue) {
    }

    /** A completion by another document version that counts for this one ({@code kind} EQUIVALENT). */
    public record CompletedBy(String kind, String documentNumber, String version) {
    }

    /** The exemption that qualified the employee. */
    public record ExemptionRef(String exemptionId, String version, LocalDate validUntil, String reason, String approvedBy) {
    }
}
