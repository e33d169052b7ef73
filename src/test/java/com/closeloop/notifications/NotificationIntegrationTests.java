package com.closeloop.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.closeloop.support.Hub;
import com.closeloop.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reminder and escalation digests decided by rules on posted ticks (no mail server here: delivery NOT_CONFIGURED):
 * reminders 7 days before and on the due date, overdue to the supervisor the day after, escalation to QA at +14 days for
 * a CRITICAL document, one notification listing five items, and a day ticked twice adds nothing.
 */
@IntegrationTest
class NotificationIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    Hub hub;
    String op;
    String sup;
    String critical;

    @BeforeEach
    void plant() {
        hub = new Hub(http, jdbc);
        op = hub.jobFunction("OP");
        sup = hub.id("SUP");
        hub.person(sup, "ACTIVE", "2026-01-01T08:00:00Z");
        critical = hub.id("SOP-CL");
        hub.version(critical, "CRITICAL", "1.0", "MAJOR", "2026-03-01", "2026-01-02T09:00:00Z"); // CRITICAL: due on the effective date
    }

    private String employee(String name) {
        String id = hub.id(name);
        hub.apply("personnel.upserted", "2026-01-03T08:00:00Z", Map.of("employeeId", id, "name", "Name of " + id, "email",
                id.toLowerCase() + "@plant.example", "status", "ACTIVE", "supervisorId", sup, "jobFunctions",
                List.of(Map.of("code", op, "from", "2025-01-01"))));
        return id;
    }

    private void tick(String date) {
        hub.apply("clock.ticked", date + "T00:05:00Z", Map.of("date", date));
    }

    private JsonNode notifications(String recipient, String date) {
        return hub.get("/api/notifications?recipient=" + recipient + "&from=" + date + "&to=" + date);
    }

    @Test
    void remindersOverdueAndEscalationFollowTheDueDate() {
        String e1 = employee("E1");
        hub.map(critical, op, null, "2026-01-04T08:00:00Z"); // e1 must train version 1.0, due 2026-01-18 (mapping + 14)
        String due = hub.assignments(e1, "OPEN").get(0).path("dueDate").asText();
        assertThat(due).isEqualTo("2026-01-18");

        tick("2026-01-10");
        assertThat(notifications(e1, "2026-01-10")).isEmpty();
        tick("2026-01-11"); // 7 days before
        JsonNode week = notifications(e1, "2026-01-11").get(0);
        assertThat(week.path("kind").asText()).isEqualTo("REMINDER");
        assertThat(week.path("delivery").asText()).isEqualTo("NOT_CONFIGURED");
        assertThat(week.path("items").get(0).path("daysOverdue").asLong()).isEqualTo(-7);
        assertThat(week.path("ruleName").asText()).isEqualTo("Reminder: 7 days before the due date");
        tick("2026-01-18"); // on the due date
        assertThat(notifications(e1, "2026-01-18").get(0).path("items").get(0).path("daysOverdue").asLong()).isZero();
        tick("2026-01-19"); // the day after: the supervisor hears of it
        assertThat(notifications(e1, "2026-01-19")).isEmpty();
        JsonNode overdue = notifications(sup, "2026-01-19").get(0);
        assertThat(overdue.path("kind").asText()).isEqualTo("OVERDUE");
        assertThat(overdue.path("items").get(0).path("employeeId").asText()).isEqualTo(e1);
        assertThat(overdue.path("items").get(0).path("daysOverdue").asLong()).isEqualTo(1);
        tick("2026-02-01"); // +14 for a CRITICAL document: QA
        JsonNode escalation = hub.get("/api/notifications?recipient=qa&from=2026-02-01&to=2026-02-01");
        assertThat(escalation.findValuesAsText("assignmentId")).contains(hub.assignments(e1, "OPEN").get(0).path("assignmentId").asText());
        assertThat(escalation.get(0).path("kind").asText()).isEqualTo("ESCALATION");

        // ticking a day again (a replay, another event id) adds nothing
        int before = hub.count("select count(*) from notification where recipient = ?", e1);
        tick("2026-01-11");
        assertThat(hub.count("select count(*) from notification where recipient = ?", e1)).isEqualTo(before);
        assertThat(notifications(e1, "2026-01-11").get(0).path("items")).hasSize(1);
    }

    @Test
    void aSupervisorWithFiveOverdueItemsGetsOneNotificationListingFive() {
        List<String> team = List.of(employee("E1"), employee("E2"), employee("E3"), employee("E4"), employee("E5"));
        hub.map(critical, op, null, "2026-01-04T08:00:00Z"); // all due 2026-01-18
        tick("2026-01-19");
        JsonNode digest = notifications(sup, "2026-01-19");
        assertThat(digest).hasSize(1);
        assertThat(digest.get(0).path("items")).hasSize(5);
        assertThat(digest.get(0).path("items").findValuesAsText("employeeId")).containsExactlyElementsOf(team);
        assertThat(hub.count("select count(*) from notification where recipient = ? and notification_date = date '2026-01-19'", sup))
                .isEqualTo(1);
    }

    @Test
    void badQueriesNameTheParameter() {
        assertThat(hub.getEntity("/api/notifications?from=someday").getBody().path("errors").get(0).path("field").asText()).isEqualTo("from");
    }
}
