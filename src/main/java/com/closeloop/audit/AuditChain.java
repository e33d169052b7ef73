package com.closeloop.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import com.closeloop.Hashes;

/**
 * The hash of one audit entry: SHA-256 over its fields in a fixed order, each written as its UTF-8 length
 * (4 bytes, big-endian; -1 for null) followed by its bytes, ending with the previous entry's hash. Length
 * prefixes make the encoding unambiguous (no separator can be forged inside a value). Instants are written as
 * ISO-8601 UTC with microsecond precision, the precision both databases store.
 */
public final class AuditChain {

    /** The "previous hash" of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditChain() {
    }

    /** Instants are stored and hashed at microsecond precision. */
    public static Instant stored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    public static String hash(long seq, Instant recordedAt, String actor, String via, String action, String entityType,
            String entityId, String oldValues, String newValues, String reason, String eventSource, String eventId, Instant eventTime,
            String prevHash) {
        MessageDigest digest = Hashes.sha256();
        put(digest, Long.toString(seq));
        put(digest, text(recordedAt));
        put(digest, actor);
        put(digest, via);
        put(digest, action);
        put(digest, entityType);
        put(digest, entityId);
        put(digest, oldValues);
        put(digest, newValues);
        put(digest, reason);
        put(digest, eventSource);
        put(digest, eventId);
        put(digest, text(eventTime));
        put(digest, prevHash);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String text(Instant instant) {
        return instant == null ? null : stored(instant).toString();
    }

    private static void put(MessageDigest digest, String value) {
        if (value == null) {
            digest.update(ByteBuffer.allocate(4).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }
}
