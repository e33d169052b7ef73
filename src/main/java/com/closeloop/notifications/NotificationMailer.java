package com.closeloop.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.closeloop.JdbcValues;
import com.closeloop.PlantClock;

import jakarta.annotation.PreDestroy;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Sends pending digests by e-mail after their tick committed (the notification table is the outbox): one message per
 * recipient per day, plain text and simple HTML; a follow-up lists only the items not sent before. A notification is
 * claimed with a lease before it is sent, so two nodes never send it twice; a failed send is retried with back-off
 * (10 s doubling, at most 1 h) and marked FAILED after {@code closeloop.notifications.max-attempts}. A failing mail server
 * never touches event processing. Runs only when {@code spring.mail.host} is set.
 */
@Component
class NotificationMailer {

    private static final Logger log = LoggerFactory.getLogger(NotificationMailer.class);
    private static final Duration LEASE = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;
    private final PlantClock clock;
    private final JavaMailSender mail;
    private final String from;
    private final int maxAttempts;
    private final ScheduledExecutorService thread;
    private final long retryBaseSeconds;

    NotificationMailer(JdbcTemplate jdbc, PlantClock clock, ObjectProvider<JavaMailSender> mail,
            @Value("${closeloop.notifications.mail-from:closeloop@localhost}") String from,
            @Value("${closeloop.notifications.max-attempts:10}") int maxAttempts,
            @Value("${closeloop.notifications.sweep-ms:2000}") long sweepMs,
            @Value("${closeloop.notifications.retry-base-seconds:10}") long retryBaseSeconds) {
        this.retryBaseSeconds = retryBaseSeconds;
        this.jdbc = jdbc;
        this.clock = clock;
        this.mail = mail.getIfAvailable();
        this.from = from;
        this.maxAttempts = maxAttempts;
        if (this.mail == null) {
            this.thread = null;
            return;
        }
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "closeloop-mail");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::sendPending, sweepMs, sweepMs, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    /** Sends every pending notification whose time has come; returns how many were sent. */
    int sendPending() {
        if (mail == null) {
            return 0;
        }
        int sent = 0;
        try {
            Instant now = clock.now();
            List<NotificationView> due = jdbc.query("select * from notification where delivery = 'PENDING' and next_attempt_at <= ?"
                    + " order by next_attempt_at, notification_id limit 50", Notifications.ROW, JdbcValues.utc(now));
            for (NotificationView n : due) {
                if (claim(n, now)) {
                    sent += send(n, now) ? 1 : 0;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Sending notifications failed, retrying on the next sweep: {}", e.getMessage());
        }
        return sent;
    }

    private boolean claim(NotificationView n, Instant now) {
        return jdbc.update("update notification set next_attempt_at = ? where notification_id = ? and delivery = 'PENDING'"
                + " and next_attempt_at <= ?", JdbcValues.utc(now.plus(LEASE)), n.notificationId(), JdbcValues.utc(now)) == 1;
    }

    private boolean send(NotificationView n, Instant now) {
        List<NotificationView.Item> unsent = n.items().stream().filter(i -> !i.sent()).toList();
        boolean followUp = unsent.size() < n.items().size();
        try {
            String address = address(n.recipient());
            if (address == null) {
                fail(n, "no e-mail address for recipient '" + n.recipient() + "'", true);
                return false;
            }
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(from);
            helper.setTo(address);
            helper.setSubject((followUp ? "Follow-up: " : "") + "Closeloop " + n.kind().toLowerCase(java.util.Locale.ROOT) + ": "
                    + unsent.size() + " training item" + (unsent.size() == 1 ? "" : "s") + " for " + n.date());
            helper.setText(text(n, unsent), html(n, unsent));
            mail.send(message);
            List<NotificationView.Item> marked = new ArrayList<>();
            n.items().forEach(i -> marked.add(new NotificationView.Item(i.assignmentId(), i.employeeId(), i.documentNumber(), i.version(),
                    i.dueDate(), i.daysOverdue(), i.kind(), i.ruleName(), true)));
            // only what this message listed becomes sent; items added meanwhile keep the notification pending
            int updated = jdbc.update("update notification set delivery = 'SENT', sent_at = ?, items = ?, attempts = attempts + 1,"
                    + " last_error = null, next_attempt_at = null where notification_id = ? and items = ?", JdbcValues.utc(now),
                    Notifications.json(marked), n.notificationId(), Notifications.json(n.items()));
            if (updated == 0) {
                jdbc.update("update notification set next_attempt_at = ? where notification_id = ?", JdbcValues.utc(now), n.notificationId());
            }
            return true;
        } catch (Exception e) {
            fail(n, e.getClass().getSimpleName() + ": " + e.getMessage(), false);
            return false;
        }
    }

    private void fail(NotificationView n, String error, boolean permanent) {
        int attempts = n.attempts() + 1;
        boolean giveUp = permanent || attempts >= maxAttempts;
        long backoff = Math.min(3600, retryBaseSeconds << Math.min(attempts - 1, 12));
        jdbc.update("update notification set attempts = ?, last_error = ?, delivery = ?, next_attempt_at = ? where notification_id = ?",
                attempts, error.length() > 1000 ? error.substring(0, 1000) : error, giveUp ? "FAILED" : "PENDING",
                giveUp ? null : JdbcValues.utc(clock.now().plusSeconds(backoff)), n.notificationId());
        log.info("Notification {} to {} not sent (attempt {}): {}", n.notificationId(), n.recipient(), attempts, error);
    }

    /** Employees by their e-mail; a role address that is itself an e-mail address as it is. */
    private String address(String recipient) {
        if (recipient.contains("@")) {
            return recipient;
        }
        List<String> email = jdbc.queryForList("select email from employee where employee_id = ?", String.class, recipient);
        return email.isEmpty() || email.get(0) == null || email.get(0).isBlank() ? null : email.get(0);
    }

    private static String text(NotificationView n, List<NotificationView.Item> items) {
        StringBuilder text = new StringBuilder("Training items for " + n.recipient() + " on " + n.date() + ":\n\n");
        for (NotificationView.Item i : items) {
            text.append("- ").append(i.kind()).append(": ").append(i.employeeId()).append(", ").append(i.documentNumber()).append(" version ")
                    .append(i.version()).append(", due ").append(i.dueDate())
                    .append(i.daysOverdue() > 0 ? " (" + i.daysOverdue() + " days overdue)" : "").append('\n');
        }
        return text.append("\nSent by Closeloop.").toString();
    }

    private static String html(NotificationView n, List<NotificationView.Item> items) {
        StringBuilder html = new StringBuilder("<p>Training items for " + HtmlUtils.htmlEscape(n.recipient()) + " on " + n.date()
                + ":</p><table border=\"1\" cellpadding=\"4\"><tr><th>Kind</th><th>Employee</th><th>Document</th><th>Version</th>"
                + "<th>Due</th><th>Days overdue</th></tr>");
        for (NotificationView.Item i : items) {
            html.append("<tr><td>").append(i.kind()).append("</td><td>").append(HtmlUtils.htmlEscape(i.employeeId())).append("</td><td>")
                    .append(HtmlUtils.htmlEscape(i.documentNumber())).append("</td><td>").append(HtmlUtils.htmlEscape(i.version()))
                    .append("</td><td>").append(i.dueDate()).append("</td><td>").append(Math.max(0, i.daysOverdue())).append("</td></tr>");
        }
        return html.append("</table>").toString();
    }
}
