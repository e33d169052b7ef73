package com.closeloop.notifications;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.closeloop.JdbcValues;
import com.closeloop.RecordIds;
import com.closeloop.audit.AuditTrail;
import com.closeloop.ingest.EventContext;
import com.closeloop.rules.decisions.Notify;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Digests (SPEC §2a, §4b "Notifications"): the items the rules decided on a tick are gathered into ONE notification per
 * recipient per plant day; new items for a recipient already notified that day join that notification (and are sent as a
 * follow-up when the first was already sent). Written in the tick's transaction; e-mail goes out after the commit from
 * this table ({@link NotificationMailer}).
 */
@Component
public class Notifications {

    static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    static final List<String> SEVERITY = List.of("REMINDER", "OVERDUE", "ESCALATION");

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;
    private final String qaAddress;
    private final boolean mailConfigured;

    Notifications(JdbcTemplate jdbc, AuditTrail audit, ObjectProvider<JavaMailSender> mail,
            @Value("${closeloop.notifications.qa-address:qa}") String qaAddress) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.qaAddress = qaAddress;
        this.mailConfigured = mail.getIfAvailable() != null;
    }

    /** Adds the day's items to each recipient's notification of {@code day}; an item already there is not added again. */
    public void apply(EventContext context, LocalDate day, List<Notify> decided) {
        Map<String, List<NotificationView.Item>> byRecipient = new LinkedHashMap<>();
        for (Notify n : decided) {
            String recipient = "QA".equals(n.recipientKind()) ? qaAddress : n.recipient();
            byRecipient.computeIfAbsent(recipient, r -> new ArrayList<>()).add(new NotificationView.Item(n.assignmentId(), n.employeeId(),
                    n.documentNumber(), n.version(), n.dueDate(), n.daysOverdue(), n.notificationKind(), n.ruleName(), false));
        }
        Instant now = context.receivedAt();
        Map<String, NotificationView> existing = existing(day, List.copyOf(byRecipient.keySet()));
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        Map<String, Map<String, Object>> created = new LinkedHashMap<>();
        String delivery = mailConfigured ? "PENDING" : "NOT_CONFIGURED";
        for (Map.Entry<String, List<NotificationView.Item>> entry : byRecipient.entrySet()) {
            NotificationView before = existing.get(entry.getKey());
            List<NotificationView.Item> items = new ArrayList<>(before == null ? List.of() : before.items());
            List<NotificationView.Item> added = new ArrayList<>();
            for (NotificationView.Item item : entry.getValue()) {
                boolean known = items.stream().anyMatch(i -> i.assignmentId().equals(item.assignmentId()) && i.kind().equals(item.kind()));
                if (!known) {
                    items.add(item);
                    added.add(item);
                }
            }
            if (added.isEmpty()) {
                continue; // the day was already told (a replayed tick)
            }
            items.sort(Comparator.comparing(NotificationView.Item::dueDate).thenComparing(NotificationView.Item::employeeId)
                    .thenComparing(NotificationView.Item::documentNumber).thenComparing(NotificationView.Item::kind));
            String kind = items.stream().map(NotificationView.Item::kind).max(Comparator.comparingInt(SEVERITY::indexOf)).orElseThrow();
            if (before == null) {
                String id = RecordIds.next();
                inserts.add(new Object[] { id, entry.getKey(), JdbcValues.date(day), kind, json(items), items.size(),
                        context.rules().version(), delivery, JdbcValues.utc(now), JdbcValues.utc(now), JdbcValues.utc(now), context.id(),
                        context.source() });
                created.put(id, AuditTrail.values("recipient", entry.getKey(), "date", day, "kind", kind, "items", added.size(),
                        "delivery", delivery));
            } else {
                // a follow-up: what was sent stays sent; the new items make the notification pending again
                updates.add(new Object[] { kind, json(items), items.size(), delivery, JdbcValues.utc(now), JdbcValues.utc(now),
                        before.notificationId() });
                audit.record("notification", before.notificationId(), "ITEMS_ADDED", AuditTrail.values("kind", before.kind(), "items",
                        before.items().size(), "delivery", before.delivery()), AuditTrail.values("kind", kind, "items", items.size(),
                        "delivery", delivery));
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("insert into notification (notification_id, recipient, notification_date, kind, items, item_count,"
                    + " rule_set_version, delivery, attempts, next_attempt_at, created_at, updated_at, source_event_id, source_event_source)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)", inserts);
            if (created.size() == 1) {
                var only = created.entrySet().iterator().next();
                audit.record("notification", only.getKey(), "CREATED", null, only.getValue());
            } else {
                audit.recordMany("notification", "CREATED", created);
            }
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate("update notification set kind = ?, items = ?, item_count = ?, delivery = ?, next_attempt_at = ?,"
                    + " updated_at = ? where notification_id = ?", updates);
        }
    }

    /** The day's notifications of these recipients, by recipient (one query per 1,000 recipients). */
    private Map<String, NotificationView> existing(LocalDate day, List<String> recipients) {
        Map<String, NotificationView> found = new java.util.HashMap<>();
        for (int from = 0; from < recipients.size(); from += 1000) {
            List<String> chunk = recipients.subList(from, Math.min(recipients.size(), from + 1000));
            List<Object> args = new ArrayList<>();
            args.add(JdbcValues.date(day));
            args.addAll(chunk);
            jdbc.query("select * from notification where notification_date = ? and recipient in ("
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")", ROW, args.toArray())
                    .forEach(n -> found.put(n.recipient(), n));
        }
        return found;
    }

    /** Notifications with items not yet published to the topic, oldest first, with the item count to publish up to. */
    public List<Map.Entry<NotificationView, Integer>> unpublished(int limit) {
        return jdbc.query("select * from notification where published_count < item_count order by updated_at, notification_id limit "
                + Math.max(1, limit), (rs, i) -> Map.entry(ROW.mapRow(rs, i), rs.getInt("item_count")));
    }

    public void markPublished(String notificationId, int itemCount) {
        jdbc.update("update notification set published_count = ? where notification_id = ? and published_count < ?", itemCount,
                notificationId, itemCount);
    }

    public Optional<NotificationView> find(String recipient, LocalDate day) {
        return jdbc.query("select * from notification where recipient = ? and notification_date = ?", ROW, recipient, JdbcValues.date(day))
                .stream().findFirst();
    }

    /** Notifications by date, then recipient; {@code recipient} null = every recipient; dates inclusive, null = open. */
    public List<NotificationView> list(String recipient, LocalDate from, LocalDate to) {
        StringBuilder sql = new StringBuilder("select * from notification where 1 = 1");
        List<Object> args = new ArrayList<>();
        if (recipient != null) {
            sql.append(" and recipient = ?");
            args.add(recipient);
        }
        if (from != null) {
            sql.append(" and notification_date >= ?");
            args.add(JdbcValues.date(from));
        }
        if (to != null) {
            sql.append(" and notification_date <= ?");
            args.add(JdbcValues.date(to));
        }
        return jdbc.query(sql + " order by notification_date, recipient limit 10000", ROW, args.toArray());
    }

    static final RowMapper<NotificationView> ROW = (rs, i) -> {
        List<NotificationView.Item> items = items(rs.getString("items"));
        String kind = rs.getString("kind");
        String ruleName = items.stream().filter(it -> it.kind().equals(kind)).map(NotificationView.Item::ruleName).findFirst().orElse(null);
        return new NotificationView(rs.getString("notification_id"), rs.getString("recipient"), JdbcValues.localDate(rs, "notification_date"),
                kind, items, ruleName, rs.getString("rule_set_version"), rs.getString("delivery"), rs.getInt("attempts"),
                rs.getString("last_error"));
    };

    static List<NotificationView.Item> items(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<NotificationView.Item>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable notification items", e);
        }
    }

    static String json(List<NotificationView.Item> items) {
        try {
            return JSON.writeValueAsString(items);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
