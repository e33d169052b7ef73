package com.closeloop.audit;

import java.util.Map;

import javax.sql.DataSource;

import com.closeloop.JdbcValues;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-computes the audit chain from the first entry to the head: every sequence number present, every entry's
 * hash equal to the hash of its stored content and its predecessor's hash, the last entry equal to the recorded
 * head. Reports the first broken link: which entry, and what does not match.
 */
@Component
public class AuditVerifier {

    /** {@code status} OK or BROKEN; on OK {@code firstBrokenEntry} and {@code detail} are null. */
    public record Verification(String status, long count, String headHash, Long firstBrokenEntry, String detail) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;

    AuditVerifier(DataSource dataSource, PlatformTransactionManager transactions) {
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.setFetchSize(1000); // streamed: PostgreSQL uses a cursor inside the (read-only) transaction
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setReadOnly(true);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ); // head and entries from one snapshot
    }

    public Verification verify() {
        return snapshot.execute(status -> run());
    }

    private Verification run() {
        Map<String, Object> head = jdbc.queryForMap("select seq, entry_hash from audit_head where head_id = 1");
        long headSeq = ((Number) head.get("seq")).longValue();
        String headHash = (String) head.get("entry_hash");
        Walk walk = new Walk();
        jdbc.query("select * from audit_entry order by seq", rs -> {
            if (walk.broken != null) {
                return;
            }
            long seq = rs.getLong("seq");
            String stored = rs.getString("entry_hash");
            String describe = " (" + rs.getString("action") + " " + rs.getString("entity_type") + " " + rs.getString("entity_id") + ")";
            if (seq != walk.seq + 1) {
                walk.fail(walk.seq + 1, seq > walk.seq + 1
                        ? "entry " + (walk.seq + 1) + (seq - walk.seq > 2 ? " to " + (seq - 1) : "") + " missing: the entry after "
                                + walk.seq + " is " + seq + describe
                        : "entry " + seq + " appears twice or out of order");
                return;
            }
            String prev = rs.getString("prev_hash");
            if (!walk.hash.equals(prev)) {
                walk.fail(seq, "entry " + seq + describe + " names previous hash " + prev + " but entry " + walk.seq + " hashes to "
                        + walk.hash + ": entry " + walk.seq + " was changed and re-hashed, or replaced");
                return;
            }
            String computed = AuditChain.hash(seq, JdbcValues.instant(rs, "recorded_at"), rs.getString("actor"), rs.getString("via"),
                    rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"), rs.getString("old_values"),
                    rs.getString("new_values"), rs.getString("reason"), rs.getString("event_source"), rs.getString("event_id"),
                    JdbcValues.instant(rs, "event_time"), prev);
            if (!computed.equals(stored)) {
                walk.fail(seq, "entry " + seq + describe + " does not match its hash: stored " + stored + ", its content hashes to "
                        + computed + "; a field of this entry was changed after it was written");
                return;
            }
            walk.seq = seq;
            walk.hash = stored;
        });
        if (walk.broken == null && walk.seq != headSeq) {
            walk.fail(walk.seq + 1, walk.seq < headSeq
                    ? "entries " + (walk.seq + 1) + " to " + headSeq + " missing: the chain ends at " + walk.seq + " but its head is " + headSeq
                    : "the chain runs to " + walk.seq + " beyond its head " + headSeq + ": entries were added outside the hub");
        } else if (walk.broken == null && !walk.hash.equals(headHash)) {
            walk.fail(walk.seq, "entry " + walk.seq + " hashes to " + walk.hash + " but the head records " + headHash);
        }
        if (walk.broken != null) {
            return new Verification("BROKEN", walk.seq, headHash, walk.broken, walk.detail);
        }
        return new Verification("OK", walk.seq, walk.hash, null, null);
    }

    private static final class Walk {
        long seq;
        String hash = AuditChain.GENESIS;
        Long broken;
        String detail;

        void fail(long entry, String why) {
            broken = entry;
            detail = why;
        }
    }
}
