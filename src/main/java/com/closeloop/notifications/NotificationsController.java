package com.closeloop.notifications;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import com.closeloop.ApiProblem;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/notifications?recipient=&from=&to=}: digests by date then recipient (recipient = employee id or a role address). */
@RestController
class NotificationsController {

    private final Notifications notifications;

    NotificationsController(Notifications notifications) {
        this.notifications = notifications;
    }

    @GetMapping("/api/notifications")
    List<NotificationView> list(@RequestParam(required = false) String recipient, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return notifications.list(recipient == null || recipient.isBlank() ? null : recipient.trim(), date("from", from), date("to", to));
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(field, "must be an ISO date, e.g. 2026-01-01");
        }
    }
}
