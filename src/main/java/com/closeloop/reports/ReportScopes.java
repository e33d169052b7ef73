package com.closeloop.reports;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import com.closeloop.ApiProblem;
import com.closeloop.PlantClock;
import com.closeloop.RequestValues;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads and checks a report's scope from request parameters, naming the parameter that is wrong. */
@Component
class ReportScopes {

    static final int MAX_DAYS = 3660;

    private final JdbcTemplate jdbc;
    private final PlantClock clock;

    ReportScopes(JdbcTemplate jdbc, PlantClock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    ComplianceReport.Scope compliance(String from, String to, List<String> jobFunctions, String asOf) {
        LocalDate start = date("from", from);
        LocalDate end = date("to", to);
        if (end.isBefore(start)) {
            throw ApiProblem.badRequest("to", "is before from");
        }
        if (ChronoUnit.DAYS.between(start, end) > MAX_DAYS) {
            throw ApiProblem.badRequest("to", "the range may span at most " + MAX_DAYS + " days");
        }
        List<String> codes = new ArrayList<>(new TreeSet<>(jobFunctions == null ? List.of() : jobFunctions.stream()
                .filter(c -> c != null && !c.isBlank()).map(String::trim).toList()));
        for (int i = 0; i < codes.size(); i++) {
            Integer known = jdbc.queryForObject("select count(*) from job_function where code = ?", Integer.class, codes.get(i));
            if (known == null || known == 0) {
                throw ApiProblem.badRequest("jobFunction", "unknown job function '" + codes.get(i) + "'");
            }
        }
        return new ComplianceReport.Scope(start, end, List.copyOf(codes), asOf(asOf));
    }

    /** The as-of instant, default now; truncated to the second so that it can be repeated exactly. */
    Instant asOf(String asOf) {
        Instant at = RequestValues.instant("asOf", asOf);
        return at != null ? at : clock.now().truncatedTo(ChronoUnit.SECONDS);
    }

    private static LocalDate date(String field, String value) {
        LocalDate date = RequestValues.date(field, value);
        if (date == null) {
            throw ApiProblem.badRequest(field, "is required (an ISO date, e.g. 2026-01-01)");
        }
        return date;
    }
}
