package com.closeloop.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Totals of a compliance report per job function and per job function × document. Compliance % = rows completed
 * on time ÷ rows that still count (CANCELLED, SUPERSEDED, EXEMPT and EQUIVALENT rows do not: an exempt employee
 * owes no training and an equivalent course is never counted as completed on time, SPEC §4a), to one decimal; null when
 * no row counts.
 */
public final class ComplianceSummary {

    /** Counts of one group. */
    public static final class Totals {
        public long rows;
        public long completedOnTime;
        public long completedLate;
        public long open;
        public long overdue;
        public long cancelled;
        public long superseded;
        public long exempt;
        public long equivalent;

        void add(String status) {
            rows++;
            switch (status) {
                case "COMPLETED_ON_TIME" -> completedOnTime++;
                case "COMPLETED_LATE" -> completedLate++;
                case "OPEN" -> open++;
                case "OVERDUE" -> overdue++;
                case "CANCELLED" -> cancelled++;
                case "SUPERSEDED" -> superseded++;
                case "EXEMPT" -> exempt++;
                case "EQUIVALENT" -> equivalent++;
                default -> throw new IllegalArgumentException(status);
            }
        }

        public BigDecimal getCompliancePercent() {
            long counting = rows - cancelled - superseded - exempt - equivalent;
            return counting == 0 ? null
                    : BigDecimal.valueOf(completedOnTime * 100).divide(BigDecimal.valueOf(counting), 1, RoundingMode.HALF_UP);
        }
    }

    /** One job function's totals, and per document. */
    public record JobFunctionSummary(String jobFunction, Totals totals, List<DocumentSummary> documents) {
    }

    public record DocumentSummary(String documentNumber, Totals totals) {
    }

    private final Totals all = new Totals();
    private final Map<String, Totals> byFunction = new TreeMap<>();
    private final Map<String, Map<String, Totals>> byFunctionAndDocument = new TreeMap<>();

    void add(ComplianceRow row) {
        String function = row.jobFunction() == null ? "(none)" : row.jobFunction();
        all.add(row.status());
        byFunction.computeIfAbsent(function, f -> new Totals()).add(row.status());
        byFunctionAndDocument.computeIfAbsent(function, f -> new TreeMap<>()).computeIfAbsent(row.documentNumber(), d -> new Totals())
                .add(row.status());
    }

    public Totals getTotals() {
        return all;
    }

    public List<JobFunctionSummary> getJobFunctions() {
        return byFunction.entrySet().stream().map(e -> new JobFunctionSummary(e.getKey(), e.getValue(),
                byFunctionAndDocument.get(e.getKey()).entrySet().stream().map(d -> new DocumentSummary(d.getKey(), d.getValue())).toList()))
                .toList();
    }
}
