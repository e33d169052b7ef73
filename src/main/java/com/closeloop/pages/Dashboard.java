package com.closeloop.pages;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.closeloop.JdbcValues;
import com.closeloop.capa.CapaViews;
import com.closeloop.reports.ComplianceReport;
import com.closeloop.reports.ComplianceSummary;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What the dashboard shows: compliance by job function this year, overdue training, CAPAs blocked by training, dead letters. */
@Component
class Dashboard {

    record Overdue(String employeeId, String employeeName, String documentNumber, String version, LocalDate dueDate, long daysOverdue,
            String reason) {
    }

    record BlockedCapa(String capaId, String title, List<String> reasons) {
    }

    record DeadLetter(Instant receivedAt, String channel, String eventType, String eventId, String errors) {
    }

    record View(LocalDate from, LocalDate to, ComplianceSummary compliance, long overdueCount, List<Overdue> overdue,
            List<BlockedCapa> blockedCapas, long openCapas, List<DeadLetter> deadLetters) {
    }

    static final int LIST_LIMIT = 25;

    private final ComplianceReport report;
    private final CapaViews capas;
    private final JdbcTemplate jdbc;

    Dashboard(ComplianceReport report, CapaViews capas, JdbcTemplate jdbc) {
        this.report = report;
        this.capas = capas;
        this.jdbc = jdbc;
    }

    View view(LocalDate today, Instant now) {
        LocalDate from = today.withDayOfYear(1);
        ComplianceSummary summary = report.stream(new ComplianceReport.Scope(from, today, List.of(), now),
                row -> { });
        Long overdueCount = jdbc.queryForObject("select count(*) from training_assignment where status = 'OPEN' and due_date < ?", Long.class,
                JdbcValues.date(today));
        List<Overdue> overdue = jdbc.query("select a.employee_id, e.name, a.document_number, a.version, a.due_date, a.reason"
                + " from training_assignment a join employee e on e.employee_id = a.employee_id where a.status = 'OPEN' and a.due_date < ?"
                + " order by a.due_date, a.employee_id, a.document_number limit " + LIST_LIMIT, (rs, i) -> {
                    LocalDate due = JdbcValues.localDate(rs, "due_date");
                    return new Overdue(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), due,
                            java.time.temporal.ChronoUnit.DAYS.between(due, today), rs.getString("reason"));
                }, JdbcValues.date(today));
        List<String> open = jdbc.queryForList("select capa_id from capa where status = 'OPEN' order by opened_at, capa_id", String.class);
        List<BlockedCapa> blocked = new ArrayList<>();
        for (String capaId : open.subList(0, Math.min(open.size(), 100))) {
            capas.find(capaId).filter(c -> !c.closure().allowed() && !c.actions().isEmpty())
                    .ifPresent(c -> blocked.add(new BlockedCapa(c.capaId(), c.title(), c.closure().reasons())));
        }
        List<DeadLetter> dead = jdbc.query("select received_at, channel, event_type, event_id, errors from rejected_event"
                + " order by received_at desc, rejection_id desc limit 10", (rs, i) -> new DeadLetter(JdbcValues.instant(rs, "received_at"),
                        rs.getString("channel"), rs.getString("event_type"), rs.getString("event_id"), rs.getString("errors")));
        return new View(from, today, summary, overdueCount == null ? 0 : overdueCount, overdue, blocked, open.size(), dead);
    }
}
