package com.closeloop.notifications;

import java.time.LocalDate;
import java.util.List;

/** A recipient's notification of one plant day (SPEC §4 "notification"). */
public record NotificationView(String notificationId, String recipient, LocalDate date, String kind, List<Item> items, String ruleName,
        String ruleSetVersion, String delivery, int attempts, String lastError) {

    /** One assignment in the digest, with its own kind. */
    public record Item(String assignmentId, String employeeId, String documentNumber, String version, LocalDate dueDate, long daysOverdue,
            String kind, String ruleName, boolean sent) {
    }
}
