package com.closeloop.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.closeloop.JdbcValues;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/** Reads the audit trail: an entity's history, the entries an event wrote, or a time window, in sequence order. */
@Component
public class AuditLog {

    /** Entity names (SPEC §4b), plus the records the hub adds: changes, users, API keys, signatures. */
    public static final Set<String> ENTITIES = new TreeSet<>(List.of("employee", "job-function", "document", "document-version",
            "matrix-entry", "assignment", "completion", "capa", "capa-action", "deviation", "rule-set", "notification", "change", "user",
            "api-key", "signature"));

    static final RowMapper<AuditEntryView> ROW = (rs, i) -> new AuditEntryView(rs.getLong("seq"), JdbcValues.instant(rs, "recorded_at"),
            rs.getString("actor"), rs.getString("via"), rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"),
            tree(rs.getString("old_values")), tree(rs.getString("new_values")), rs.getString("reason"), rs.getString("event_source"),
            rs.getString("event_id"), JdbcValues.instant(rs, "event_time"), rs.getString("prev_hash"), rs.getString("entry_hash"));

    private final JdbcTemplate jdbc;

    AuditLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A filter over the trail; null fields do not filter. */
    public record Query(String entity, String id, String eventSource, String eventId, Instant from, Instant to, long afterSeq, int limit) {
    }

    public List<AuditEntryView> find(Query q) {
        StringBuilder sql = new StringBuilder("select * from audit_entry where seq > ?");
        List<Object> args = new ArrayList<>();
        args.add(q.afterSeq());
        if (q.entity() != null && q.id() != null) {
            // the record's own entries, and the entries of bulk decisions that list it
            sql.append(" and ((entity_type = ? and entity_id = ?) or seq in (select seq from audit_entry_subject where entity_type = ?"
                    + " and entity_id = ?))");
            args.addAll(List.of(q.entity(), q.id(), q.entity(), q.id()));
        } else if (q.entity() != null) {
            sql.append(" and entity_type = ?");
            args.add(q.entity());
        }
        if (q.eventSource() != null) {
            sql.append(" and event_source = ?");
            args.add(q.eventSource());
        }
        if (q.eventId() != null) {
            sql.append(" and event_id = ?");
            args.add(q.eventId());
        }
        if (q.from() != null) {
            sql.append(" and recorded_at >= ?");
            args.add(JdbcValues.utc(q.from()));
        }
        if (q.to() != null) {
            sql.append(" and recorded_at < ?");
            args.add(JdbcValues.utc(q.to()));
        }
        sql.append(" order by seq limit ").append(q.limit());
        List<AuditEntryView> entries = jdbc.query(sql.toString(), ROW, args.toArray());
        if (q.id() == null) {
            return entries;
        }
        // a bulk entry seen from one of its records: that record's values, under its id (the hash is of the whole entry)
        return entries.stream().map(e -> !AuditTrail.MANY.equals(e.entityId()) ? e : new AuditEntryView(e.seq(), e.recordedAt(), e.actor(),
                e.via(), e.action(), e.entity(), q.id(), e.oldValues(), e.newValues() == null ? null : e.newValues().get(q.id()), e.reason(),
                e.eventSource(), e.eventId(), e.eventTime(), e.prevHash(), e.hash())).toList();
    }

    /** Sequence numbers of the entries of one record (its own and the bulk entries that list it), for the reports. */
    public List<Long> seqsOf(String entity, String id) {
        return jdbc.queryForList("select seq from audit_entry where entity_type = ? and entity_id = ? union select seq from"
                + " audit_entry_subject where entity_type = ? and entity_id = ? order by 1", Long.class, entity, id, entity, id);
    }

    static JsonNode tree(String json) {
        if (json == null) {
            return null;
        }
        try {
            return AuditTrail.VALUES.readTree(json);
        } catch (JsonProcessingException e) {
            return AuditTrail.VALUES.getNodeFactory().textNode(json); // tampered rows still show what they hold
        }
    }
}
