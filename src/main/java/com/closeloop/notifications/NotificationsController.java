package com.closeloop.notifications;

import java.util.List;

import com.closeloop.RequestValues;

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
        return notifications.list(recipient == null || recipient.isBlank() ? null : recipient.trim(), RequestValues.date("from", from), RequestValues.date("to", to));
    }
}
