package com.closeloop.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.closeloop.support.Eventually;
import com.closeloop.support.Hub;
import com.closeloop.support.IntegrationTest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * E-mailed digests against a real SMTP server embedded in the test (GreenMail): the digest reaches the supervisor with
 * the right subject and items; with the server stopped the tick still applies and the mail goes out once it is back.
 */
@IntegrationTest
@TestPropertySource(properties = { "spring.mail.host=127.0.0.1", "spring.mail.port=3025", "closeloop.notifications.sweep-ms=200",
        "closeloop.notifications.retry-base-seconds=1" })
class NotificationMailIntegrationTests {

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP).withPerMethodLifecycle(false);

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theDigestIsMailedOnceAndAStoppedMailServerDelaysItWithoutBlockingEvents() throws Exception {
        Hub hub = new Hub(http, jdbc);
        String op = hub.jobFunction("OP");
        String sup = hub.id("SUP");
        hub.apply("personnel.upserted", "2026-01-01T08:00:00Z", Map.of("employeeId", sup, "name", "Sam Supervisor", "email",
                "sam@plant.example", "status", "ACTIVE", "jobFunctions", List.of()));
        String sop = hub.id("SOP");
        hub.version(sop, "CRITICAL", "1.0", "MAJOR", "2026-03-01", "2026-01-02T09:00:00Z");
        for (String name : List.of("E1", "E2")) {
            hub.apply("personnel.upserted", "2026-01-03T08:00:00Z", Map.of("employeeId", hub.id(name), "name", "Name " + name, "email",
                    name.toLowerCase() + "@plant.example", "status", "ACTIVE", "supervisorId", sup, "jobFunctions",
                    List.of(Map.of("code", op, "from", "2025-01-01"))));
        }
        hub.map(sop, op, null, "2026-01-04T08:00:00Z"); // due 2026-01-18
        hub.apply("clock.ticked", "2026-01-19T00:05:00Z", Map.of("date", "2026-01-19"));

        Eventually.await(() -> hub.count("select count(*) from notification where recipient = ? and delivery = 'SENT'", sup) == 1, java.time.Duration.ofSeconds(15));
        MimeMessage[] received = smtp.getReceivedMessagesForDomain("sam@plant.example");
        assertThat(received).hasSize(1);
        assertThat(received[0].getSubject()).isEqualTo("Closeloop overdue: 2 training items for 2026-01-19");
        String body = GreenMailUtil.getBody(received[0]);
        assertThat(body).contains(hub.id("E1")).contains(hub.id("E2")).contains(sop);

        // the mail server goes away: the next day's tick still applies, the notification waits
        smtp.stop();
        hub.apply("clock.ticked", "2026-01-26T00:05:00Z", Map.of("date", "2026-01-26")); // 8 days overdue: weekly reminder
        Eventually.await(() -> hub.count("select count(*) from notification where recipient = ? and notification_date = date '2026-01-26'"
                + " and delivery = 'PENDING' and attempts >= 1", sup) == 1, java.time.Duration.ofSeconds(15));
        smtp.start();
        Eventually.await(() -> hub.count("select count(*) from notification where recipient = ? and notification_date = date '2026-01-26'"
                + " and delivery = 'SENT'", sup) == 1, java.time.Duration.ofSeconds(20));
        Thread.sleep(1000); // a second send, if there were one, would have happened by now
        assertThat(smtp.getReceivedMessagesForDomain("sam@plant.example")).hasSize(1); // the restarted server holds only the new one
    }
}
