package com.closeloop.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.closeloop.JdbcValues;
import com.closeloop.PlantClock;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.jpa.EntityManagerFactoryUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The audit trail's writer. Every change recorded during a transaction is buffered and appended just before that
 * transaction commits, in the same transaction: the head of the chain is locked, each entry gets the next
 * sequence number and a hash over its content and the previous hash, and all entries go in with one set-based
 * INSERT. A transaction that rolls back leaves no entry; a committed change always has its entries.
 * <p>
 * JPA entities implementing {@link AuditedRecord} are recorded by {@link HibernateAuditListener}; JDBC writers
 * call {@link #record} themselves.
 */
@Component
public class AuditTrail implements TransactionExecutionListener {

    /** Serialises old/new values: keys sorted, instants and dates as ISO-8601 strings, nulls kept. */
    static final ObjectMapper VALUES = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private static final Object KEY = new Object();

    private final JdbcTemplate jdbc;
    private final PlantClock clock;
    private final EntityManagerFactory entityManagers;

    AuditTrail(JdbcTemplate jdbc, PlantClock clock, EntityManagerFactory entityManagers) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.entityManagers = entityManagers;
    }

    /** Names who and what causes the changes of the current transaction. */
    public void attribute(Attribution attribution) {
        pending().attribution = attribution;
    }

    /** Records a change of one record in the current transaction. Values may be null (nothing before a create). */
    public void record(String entityType, String entityId, String action, Map<String, ?> oldValues, Map<String, ?> newValues) {
        pending().entries.add(new Change(entityType, entityId, action, json(oldValues), json(newValues), List.of()));
    }

    /** Entity id of an entry that records many records at once (its new values are keyed by record id). */
    public static final String MANY = "*";

    /**
     * Records the creation of many records of one type by one decision as ONE entry (entity id {@value #MANY}) whose new
     * values map each record's id to its values; each record is linked to the entry (table audit_entry_subject), so its
     * history finds it. Costs one wide row and a narrow link per record instead of a wide row per record.
     */
    public void recordMany(String entityType, String action, Map<String, ? extends Map<String, ?>> newValuesById) {
        if (newValuesById.isEmpty()) {
            return;
        }
        pending().entries.add(new Change(entityType, MANY, action, null, json(new java.util.TreeMap<>(newValuesById)),
                List.copyOf(new java.util.TreeSet<>(newValuesById.keySet()))));
    }

    /** Builds a value map that keeps nulls, in the order given (serialised sorted). */
    public static Map<String, Object> values(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static String json(Map<String, ?> values) {
        if (values == null) {
            return null;
        }
        try {
            return VALUES.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit values cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    private Pending pending() {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("audited changes must be made in a transaction");
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(KEY);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(KEY, pending);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
                }
            });
        }
        return pending;
    }

    /** Called by the transaction manager right before it commits a new transaction. */
    @Override
    public void beforeCommit(TransactionExecution transaction) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return;
        }
        EntityManager em = EntityManagerFactoryUtils.getTransactionalEntityManager(entityManagers);
        if (em != null && em.isJoinedToTransaction()) {
            em.flush(); // JPA changes reach the audit buffer through the Hibernate listener
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(KEY);
        if (pending == null || pending.entries.isEmpty()) {
            return;
        }
        append(pending);
        pending.entries.clear();
    }

    private void append(Pending pending) {
        Attribution by = pending.attribution != null ? pending.attribution : Attribution.of("system", null, null, clock.now());
        Instant recordedAt = AuditChain.stored(by.recordedAt());
        Instant eventTime = AuditChain.stored(by.eventTime());
        Map<String, Object> head = jdbc.queryForMap("select seq, entry_hash from audit_head where head_id = 1 for update");
        long seq = ((Number) head.get("seq")).longValue();
        String prev = (String) head.get("entry_hash");
        int n = pending.entries.size();
        Long[] seqs = new Long[n];
        String[] actions = new String[n];
        String[] types = new String[n];
        String[] ids = new String[n];
        String[] olds = new String[n];
        String[] news = new String[n];
        String[] prevs = new String[n];
        String[] hashes = new String[n];
        for (int i = 0; i < n; i++) {
            Change c = pending.entries.get(i);
            seq++;
            String hash = AuditChain.hash(seq, recordedAt, by.actor(), by.via(), c.action(), c.entityType(), c.entityId(),
                    c.oldValues(), c.newValues(), by.reason(), by.eventSource(), by.eventId(), eventTime, prev);
            seqs[i] = seq;
            actions[i] = c.action();
            types[i] = c.entityType();
            ids[i] = c.entityId();
            olds[i] = c.oldValues();
            news[i] = c.newValues();
            prevs[i] = prev;
            hashes[i] = hash;
            prev = hash;
        }
        jdbc.update(connection -> {
            var ps = connection.prepareStatement(INSERT);
            ps.setObject(1, JdbcValues.utc(recordedAt));
            ps.setString(2, by.actor());
            ps.setString(3, by.via());
            ps.setString(4, by.reason());
            ps.setString(5, by.eventSource());
            ps.setString(6, by.eventId());
            ps.setObject(7, JdbcValues.utc(eventTime));
            ps.setArray(8, connection.createArrayOf("bigint", seqs));
            ps.setArray(9, connection.createArrayOf("varchar", actions));
            ps.setArray(10, connection.createArrayOf("varchar", types));
            ps.setArray(11, connection.createArrayOf("varchar", ids));
            ps.setArray(12, connection.createArrayOf("varchar", olds));
            ps.setArray(13, connection.createArrayOf("varchar", news));
            ps.setArray(14, connection.createArrayOf("varchar", prevs));
            ps.setArray(15, connection.createArrayOf("varchar", hashes));
            return ps;
        });
        for (int i = 0; i < n; i++) {
            Change c = pending.entries.get(i);
            if (!c.subjects().isEmpty()) {
                long entry = seqs[i];
                String[] subjects = c.subjects().toArray(String[]::new);
                jdbc.update(connection -> {
                    var ps = connection.prepareStatement("insert into audit_entry_subject (entity_type, entity_id, seq)"
                            + " select ?, u.entity_id, ? from unnest(cast(? as varchar array)) as u(entity_id)");
                    ps.setString(1, c.entityType());
                    ps.setLong(2, entry);
                    ps.setArray(3, connection.createArrayOf("varchar", subjects));
                    return ps;
                });
            }
        }
        jdbc.update("update audit_head set seq = ?, entry_hash = ? where head_id = 1", seq, prev);
    }

    private static final String INSERT = "insert into audit_entry (recorded_at, actor, via, reason, event_source, event_id, event_time,"
            + " seq, action, entity_type, entity_id, old_values, new_values, prev_hash, entry_hash)"
            + " select ?, ?, ?, ?, ?, ?, ?, u.seq, u.action, u.entity_type, u.entity_id, u.old_values, u.new_values, u.prev_hash,"
            + " u.entry_hash from unnest(cast(? as bigint array), cast(? as varchar array), cast(? as varchar array),"
            + " cast(? as varchar array), cast(? as varchar array), cast(? as varchar array), cast(? as varchar array),"
            + " cast(? as varchar array)) as u(seq, action, entity_type, entity_id, old_values, new_values, prev_hash, entry_hash)";

    private record Change(String entityType, String entityId, String action, String oldValues, String newValues, List<String> subjects) {
    }

    private static final class Pending {
        Attribution attribution;
        final List<Change> entries = new ArrayList<>();
    }
}
