package com.closeloop.facts;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One approved version of a controlled document, as the rules and queries see it; {@code implementationDays} and
 * {@code approvedEventAt} (the approval's event time) settle its implementation period (SPEC §4a).
 */
public record VersionInfo(String documentNumber, String version, int seq, String category, String changeType,
        LocalDate effectiveDate, boolean retrainingRequired, Integer implementationDays, java.time.Instant approvedEventAt) {

    /**
     * The version required before {@code version}: the latest earlier one that required retraining, or the first.
     * Empty for a first version.
     */
    public static Optional<VersionInfo> previousRequired(List<VersionInfo> versions, VersionInfo version) {
        return previousRequired(versions, version.seq());
    }

    /** The version required before the one with sequence {@code seq} (see above); empty for a first version. */
    public static Optional<VersionInfo> previousRequired(List<VersionInfo> versions, int seq) {
        VersionInfo found = null;
        for (VersionInfo v : versions) {
            if (v.seq() < seq && (v.seq() == 1 || v.retrainingRequired())) {
                found = v;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The last plant date of the implementation period (effective + N), when the version has one and required retraining. */
    public Optional<LocalDate> implementationUntil() {
        return implementationDays == null || implementationDays <= 0 || !retrainingRequired ? Optional.empty()
                : Optional.of(effectiveDate.plusDays(implementationDays));
    }

    /** The version effective on {@code date}: the latest whose effective date is on or before it. Versions ordered by seq. */
    public static Optional<VersionInfo> effectiveOn(List<VersionInfo> versions, LocalDate date) {
        VersionInfo found = null;
        for (VersionInfo v : versions) {
            if (!v.effectiveDate().isAfter(date)) {
                found = v;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The version to train on at {@code date}: the effective one, or the latest approved when none is effective yet. */
    public static Optional<VersionInfo> toTrainOn(List<VersionInfo> versions, LocalDate date) {
        return effectiveOn(versions, date).or(() -> versions.isEmpty() ? Optional.empty() : Optional.of(versions.get(versions.size() - 1)));
    }

    /**
     * The version an employee must have completed to be qualified on {@code date} (SPEC §4a): the latest
     * effective version whose revision required retraining, or the first version, which always does.
     */
    public static Optional<VersionInfo> requiredOn(List<VersionInfo> versions, LocalDate date) {
        VersionInfo found = null;
        for (VersionInfo v : versions) {
            if (!v.effectiveDate().isAfter(date) && (v.seq() == 1 || v.retrainingRequired())) {
                found = v;
            }
        }
        return Optional.ofNullable(found);
    }
}
