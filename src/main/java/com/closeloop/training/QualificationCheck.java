package com.closeloop.training;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import com.closeloop.JdbcValues;
import com.closeloop.PlantClock;
import com.closeloop.facts.PlantFacts;
import com.closeloop.facts.VersionInfo;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The qualification gate, for now or any past instant (as-of). Everything is judged at T: the holdings
 * covering T's plant date, the matrix entries in force at T, the versions effective then and the
 * completions made by T.
 */
@Component
public class QualificationCheck {

    private final PlantFacts facts;
    private final Assignments assignments;
    private final JdbcTemplate jdbc;
    private final PlantClock clock;

    private final Exemptions exemptions;

    QualificationCheck(PlantFacts facts, Assignments assignments, JdbcTemplate jdbc, PlantClock clock, Exemptions exemptions) {
        this.exemptions = exemptions;
        this.facts = facts;
        this.assignments = assignments;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Empty when the employee or the document is unknown. */
    @Transactional(readOnly = true)
    public Optional<Qualification> check(String employeeId, String documentNumber, Instant at) {
        if (!facts.employeeExists(employeeId)) {
            return Optional.empty();
        }
        List<VersionInfo> versions = facts.versions(documentNumber);
        if (versions.isEmpty()) {
            return Optional.empty();
        }
        LocalDate day = clock.dateOf(at);
        Qualification.OpenAssignmentAt open = assignments.openAt(employeeId, documentNumber, at, day).stream().findFirst()
                .map(a -> new Qualification.OpenAssignmentAt(a.assignmentId(), a.version(), a.dueDate(), day.isAfter(a.dueDate())))
                .orElse(null);

        if (!facts.inMatrixAt(employeeId, documentNumber, at, day)) {
            return Optional.of(answer(employeeId, documentNumber, at, day, false, "NOT_IN_MATRIX", null, null,
                    "held no job function mapped to " + documentNumber + " on " + day, open));
        }
        Optional<VersionInfo> required = VersionInfo.requiredOn(versions, day);
        if (required.isEmpty()) {
            return Optional.of(answer(employeeId, documentNumber, at, day, false, "NO_EFFECTIVE_VERSION", null, null,
                    "no version of " + documentNumber + " was effective on " + day, open));
        }
        VersionInfo needed = required.get();
        List<CompletionAt> completions = completionsBy(employeeId, documentNumber, at);
        // the latest counting completion of the required version or a later one, and how long it qualifies (SPEC §4b);
        // completions through an equivalent course count the same way but answer EQUIVALENT
        Optional<CompletionAt> direct = latestCounting(completions, needed.seq(), false);
        Optional<CompletionAt> equivalent = latestCounting(completions, needed.seq(), true);
        Optional<Integer> months = direct.isPresent() || equivalent.isPresent()
                ? facts.retrainIntervalAt(employeeId, documentNumber, at, day) : Optional.empty();
        if (direct.isPresent() && !lapsed(direct.get(), months, day)) {
            return Optional.of(answer(employeeId, documentNumber, at, day, true, "CURRENT", needed, direct.get(),
                    "completed version " + direct.get().version + validity(direct.get(), months), open));
        }
        if (equivalent.isPresent() && !lapsed(equivalent.get(), months, day)) {
            CompletionAt c = equivalent.get();
            return Optional.of(answer(employeeId, documentNumber, at, day, true, "EQUIVALENT", needed, c,
                    "completed " + c.viaDocument + " version " + c.viaVersion + ", equivalent to " + documentNumber + " version "
                            + c.version + validity(c, months), open)
                    .withCompletedBy(new Qualification.CompletedBy("EQUIVALENT", c.viaDocument, c.viaVersion)));
        }
        Optional<Qualification.ExemptionRef> exemption = exemptions.inForceFor(employeeId, documentNumber, needed.version(), at, day)
                .map(x -> new Qualification.ExemptionRef(x.exemptionId(), x.version(), x.validUntil(), x.reason(), x.approvedBy()));
        if (exemption.isPresent()) {
            Qualification.ExemptionRef e = exemption.get();
            return Optional.of(answer(employeeId, documentNumber, at, day, true, "EXEMPT", needed, null, "exempt ("
                    + e.exemptionId() + ", approved by " + e.approvedBy() + ") through " + e.validUntil() + ": " + e.reason(), open)
                    .withExemption(e));
        }
        Optional<LocalDate> until = needed.implementationUntil();
        if (until.isPresent() && !day.isAfter(until.get())) {
            Optional<CompletionAt> previous = VersionInfo.previousRequired(versions, needed).flatMap(prev -> completions.stream()
                    .filter(c -> c.counts && c.seq >= prev.seq() && c.seq < needed.seq() && (needed.approvedEventAt() == null
                            || !c.completedAt.isAfter(needed.approvedEventAt())))
                    .max(java.util.Comparator.comparing(CompletionAt::completedAt)));
            if (previous.isPresent()) {
                return Optional.of(answer(employeeId, documentNumber, at, day, true, "IMPLEMENTATION_PERIOD", needed, previous.get(),
                        "trained on version " + previous.get().version + "; version " + needed.version()
                                + " is in its implementation period through " + until.get(), open)
                        .withImplementationUntil(until.get()));
            }
        }
        Optional<CompletionAt> counting = direct.isPresent() ? direct : equivalent;
        if (counting.isPresent()) {
            LocalDate completedOn = clock.dateOf(counting.get().completedAt);
            return Optional.of(answer(employeeId, documentNumber, at, day, false, "EXPIRED", needed, counting.get(),
                    "completed version " + counting.get().version + " on " + completedOn + "; it qualified through "
                            + completedOn.plusMonths(months.orElseThrow()) + " (retrain every " + months.get() + " months)", open));
        }
        Optional<CompletionAt> shortfall = completions.stream().filter(c -> !c.counts && c.seq >= needed.seq()).findFirst();
        if (shortfall.isPresent()) {
            return Optional.of(answer(employeeId, documentNumber, at, day, false, "EVIDENCE_INSUFFICIENT", needed, shortfall.get(),
                    shortfall.get().notCountingReason, open));
        }
        Optional<CompletionAt> older = completions.stream().filter(c -> c.counts).findFirst();
        if (older.isPresent()) {
            return Optional.of(answer(employeeId, documentNumber, at, day, false, "REQUIRED_VERSION_NOT_COMPLETED", needed, older.get(),
                    "version " + needed.version() + " required; last completed " + older.get().version, open));
        }
        return Optional.of(answer(employeeId, documentNumber, at, day, false, "NEVER_TRAINED", needed, null,
                "no completion of " + documentNumber, open));
    }

    private static Optional<CompletionAt> latestCounting(List<CompletionAt> completions, int requiredSeq, boolean equivalent) {
        return completions.stream().filter(c -> c.counts && c.seq >= requiredSeq && (c.viaDocument != null) == equivalent)
                .max(java.util.Comparator.comparing(CompletionAt::completedAt));
    }

    private boolean lapsed(CompletionAt completion, Optional<Integer> months, LocalDate day) {
        return months.isPresent() && day.isAfter(clock.dateOf(completion.completedAt).plusMonths(months.get()));
    }

    private String validity(CompletionAt completion, Optional<Integer> months) {
        return months.isEmpty() ? "" : "; qualifies through " + clock.dateOf(completion.completedAt).plusMonths(months.get());
    }

    private static Qualification answer(String employeeId, String documentNumber, Instant at, LocalDate day, boolean qualified,
            String reason, VersionInfo required, CompletionAt completion, String detail, Qualification.OpenAssignmentAt open) {
        return new Qualification(employeeId, documentNumber, at, day, qualified, reason, required == null ? null : required.version(),
                required == null ? null : required.effectiveDate(), completion == null ? null : completion.version,
                completion == null ? null : completion.completedAt, detail, null, null, null, open);
    }

    private record CompletionAt(String version, int seq, Instant completedAt, boolean counts, String notCountingReason,
            String viaDocument, String viaVersion) {
    }

    /** Completions made by T, newest version first, then latest first. */
    private List<CompletionAt> completionsBy(String employeeId, String documentNumber, Instant at) {
        return jdbc.query("select version, version_seq, completed_at, counts, not_counting_reason, equivalent_document,"
                + " equivalent_version from training_completion where employee_id = ? and document_number = ? and completed_at <= ?"
                + " order by version_seq desc, completed_at desc",
                (rs, i) -> new CompletionAt(rs.getString("version"), rs.getInt("version_seq"), JdbcValues.instant(rs, "completed_at"),
                        rs.getBoolean("counts"), rs.getString("not_counting_reason"), rs.getString("equivalent_document"),
                        rs.getString("equivalent_version")),
                employeeId, documentNumber, JdbcValues.utc(at));
    }
}
