package com.closeloop.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.closeloop.Hashes;
import com.closeloop.JdbcValues;
import com.closeloop.audit.Attribution;
import com.closeloop.audit.AuditTrail;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * API keys for systems: {@code clk_<keyId>_<secret>}. Only the SHA-256 of the secret is stored and compared in
 * constant time; each key is bound to a connector name and one role, and can be revoked.
 */
@Component
public class ApiKeys {

    public record ApiKey(String keyId, String connector, Role role, Instant createdAt, String createdBy, Instant revokedAt) {
    }

    /** A key as created: the only moment its full value is known. */
    public record IssuedKey(String keyId, String connector, Role role, String key) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;

    ApiKeys(JdbcTemplate jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional
    public IssuedKey issue(String connector, Role role, String by) {
        String keyId = token(9);
        String secret = token(24);
        return store(keyId, secret, connector, role, by);
    }

    /** Creates a key with a value chosen by the operator (CLOSELOOP_BOOTSTRAP_API_KEY); any text of 16+ characters. */
    @Transactional
    public IssuedKey issueFixed(String value, String connector, Role role, String by) {
        String keyId = "boot" + Hashes.sha256Hex(value).substring(0, 12);
        if (find(keyId).isPresent()) {
            return new IssuedKey(keyId, connector, role, value);
        }
        return storeHashed(keyId, Hashes.sha256Hex(value), connector, role, by, value);
    }

    private IssuedKey store(String keyId, String secret, String connector, Role role, String by) {
        return storeHashed(keyId, Hashes.sha256Hex(secret), connector, role, by, "clk_" + keyId + "_" + secret);
    }

    private IssuedKey storeHashed(String keyId, String hash, String connector, Role role, String by, String value) {
        audit.attribute(Attribution.of(by, "admin", "API key administration", Instant.now()));
        audit.record("api-key", keyId, "CREATED", null, AuditTrail.values("keyId", keyId, "connector", connector, "role", role.name()));
        jdbc.update("insert into api_key (key_id, secret_sha256, connector, role, created_at, created_by) values (?, ?, ?, ?, ?, ?)", keyId,
                hash, connector, role.name(), JdbcValues.utc(Instant.now()), by);
        return new IssuedKey(keyId, connector, role, value);
    }

    /** The active key a presented value stands for, if any. */
    Optional<ApiKey> authenticate(String presented) {
        String keyId;
        String hash;
        if (presented.startsWith("clk_") && presented.indexOf('_', 4) > 4) {
            int split = presented.indexOf('_', 4);
            keyId = presented.substring(4, split);
            hash = Hashes.sha256Hex(presented.substring(split + 1));
        } else {
            keyId = "boot" + Hashes.sha256Hex(presented).substring(0, 12);
            hash = Hashes.sha256Hex(presented);
        }
        List<String> stored = jdbc.queryForList("select secret_sha256 from api_key where key_id = ? and revoked_at is null", String.class,
                keyId);
        if (stored.isEmpty() || !MessageDigest.isEqual(stored.get(0).getBytes(StandardCharsets.US_ASCII),
                hash.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return find(keyId);
    }

    public Optional<ApiKey> find(String keyId) {
        return jdbc.query("select * from api_key where key_id = ?", (rs, i) -> new ApiKey(rs.getString("key_id"), rs.getString("connector"),
                Role.valueOf(rs.getString("role")), JdbcValues.instant(rs, "created_at"), rs.getString("created_by"),
                JdbcValues.instant(rs, "revoked_at")), keyId).stream().findFirst();
    }

    public List<ApiKey> all() {
        return jdbc.query("select * from api_key order by created_at, key_id", (rs, i) -> new ApiKey(rs.getString("key_id"),
                rs.getString("connector"), Role.valueOf(rs.getString("role")), JdbcValues.instant(rs, "created_at"),
                rs.getString("created_by"), JdbcValues.instant(rs, "revoked_at")));
    }

    @Transactional
    public boolean revoke(String keyId, String by) {
        Instant now = Instant.now();
        if (jdbc.update("update api_key set revoked_at = ?, revoked_by = ? where key_id = ? and revoked_at is null", JdbcValues.utc(now),
                by, keyId) != 1) {
            return false;
        }
        audit.attribute(Attribution.of(by, "admin", "API key administration", now));
        audit.record("api-key", keyId, "REVOKED", AuditTrail.values("revokedAt", null), AuditTrail.values("revokedAt", now));
        return true;
    }

    private static String token(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random).replace('_', 'x').replace('-', 'y');
    }
}
