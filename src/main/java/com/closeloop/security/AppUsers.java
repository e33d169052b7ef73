package com.closeloop.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.closeloop.JdbcValues;
import com.closeloop.audit.Attribution;
import com.closeloop.audit.AuditTrail;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** People who sign in. Passwords are BCrypt hashes; a user is never deleted, only disabled (ids are never reused). */
@Component
public class AppUsers {

    /** At most this many failed sign-ins within {@link #FAILURE_WINDOW} lock the account for {@link #LOCK_TIME}. */
    public static final int MAX_FAILURES = 5;
    public static final Duration FAILURE_WINDOW = Duration.ofMinutes(15);
    public static final Duration LOCK_TIME = Duration.ofMinutes(15);

    public record AppUser(String username, String passwordHash, String displayName, String email, String employeeId, Set<Role> roles,
            boolean enabled, int failedAttempts, Instant firstFailureAt, Instant lockedUntil, Instant createdAt) {

        public boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }
    }

    private static final RowMapper<AppUser> USER = (rs, i) -> new AppUser(rs.getString("username"), rs.getString("password_hash"),
            rs.getString("display_name"), rs.getString("email"), rs.getString("employee_id"), roles(rs.getString("roles")),
            rs.getBoolean("enabled"), rs.getInt("failed_attempts"), JdbcValues.instant(rs, "first_failure_at"),
            JdbcValues.instant(rs, "locked_until"), JdbcValues.instant(rs, "created_at"));

    private final JdbcTemplate jdbc;
    private final AuditTrail audit;

    AppUsers(JdbcTemplate jdbc, AuditTrail audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public Optional<AppUser> find(String username) {
        return jdbc.query("select * from app_user where username = ?", USER, username).stream().findFirst();
    }

    public List<AppUser> all() {
        return jdbc.query("select * from app_user order by username", USER);
    }

    public boolean any() {
        Integer n = jdbc.queryForObject("select count(*) from app_user", Integer.class);
        return n != null && n > 0;
    }

    @Transactional
    public void create(String username, String passwordHash, String displayName, String email, String employeeId, Set<Role> roles,
            String by) {
        Instant now = Instant.now();
        audit.attribute(Attribution.of(by, "admin", "user administration", now));
        audit.record("user", username, "CREATED", null, AuditTrail.values("username", username, "displayName", displayName, "email",
                email, "employeeId", employeeId, "roles", roles.stream().map(Role::name).sorted().toList(), "enabled", true));
        jdbc.update("insert into app_user (username, password_hash, display_name, email, employee_id, roles, enabled, failed_attempts,"
                + " created_at, created_by) values (?, ?, ?, ?, ?, ?, true, 0, ?, ?)", username, passwordHash, displayName, email,
                employeeId, roles.stream().map(Role::name).sorted().collect(Collectors.joining(",")), JdbcValues.utc(Instant.now()), by);
    }

    @Transactional
    public void disable(String username, String by) {
        Instant now = Instant.now();
        audit.attribute(Attribution.of(by, "admin", "user administration", now));
        audit.record("user", username, "DISABLED", AuditTrail.values("enabled", true), AuditTrail.values("enabled", false));
        jdbc.update("update app_user set enabled = false, disabled_at = ?, disabled_by = ? where username = ?",
                JdbcValues.utc(Instant.now()), by, username);
    }

    /** Counts a failed sign-in; returns true when this failure locked the account. */
    boolean recordFailure(String username, Instant now) {
        Optional<AppUser> user = find(username);
        if (user.isEmpty()) {
            return false;
        }
        AppUser u = user.get();
        if (u.lockedAt(now)) {
            return false; // attempts on a locked account do not shorten or reset the lock
        }
        boolean windowOpen = u.firstFailureAt() != null && u.firstFailureAt().plus(FAILURE_WINDOW).isAfter(now);
        int failures = windowOpen ? u.failedAttempts() + 1 : 1;
        Instant first = windowOpen ? u.firstFailureAt() : now;
        boolean lock = failures >= MAX_FAILURES;
        jdbc.update("update app_user set failed_attempts = ?, first_failure_at = ?, locked_until = ? where username = ?",
                lock ? 0 : failures, lock ? null : JdbcValues.utc(first), lock ? JdbcValues.utc(now.plus(LOCK_TIME)) : null, username);
        return lock;
    }

    void recordSuccess(String username) {
        jdbc.update("update app_user set failed_attempts = 0, first_failure_at = null where username = ? and failed_attempts > 0",
                username);
    }

    static Set<Role> roles(String csv) {
        Set<Role> roles = new TreeSet<>();
        if (csv != null && !csv.isBlank()) {
            Arrays.stream(csv.split(",")).map(String::trim).map(Role::valueOf).forEach(roles::add);
        }
        return roles;
    }
}
