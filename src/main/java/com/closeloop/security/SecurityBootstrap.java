package com.closeloop.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * First start: the first admin from CLOSELOOP_ADMIN_USER / CLOSELOOP_ADMIN_PASSWORD (or a one-time generated
 * password, printed once), holding every role on the embedded default; CLOSELOOP_BOOTSTRAP_API_KEY, when set, an
 * INGEST key with that value; and, with the demo plant only, one demo user per role (README).
 */
@Component
@Order(0)
class SecurityBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SecurityBootstrap.class);

    private final AppUsers users;
    private final ApiKeys keys;
    private final PasswordEncoder passwords;
    private final SecurityEvents events;
    private final String adminUser;
    private final String adminPassword;
    private final boolean adminAllRoles;
    private final String bootstrapKey;
    private final boolean demo;

    SecurityBootstrap(AppUsers users, ApiKeys keys, PasswordEncoder passwords, SecurityEvents events,
            @Value("${CLOSELOOP_ADMIN_USER:${closeloop.admin.user:admin}}") String adminUser,
            @Value("${CLOSELOOP_ADMIN_PASSWORD:${closeloop.admin.password:}}") String adminPassword,
            @Value("${closeloop.admin.all-roles:true}") boolean adminAllRoles,
            @Value("${CLOSELOOP_BOOTSTRAP_API_KEY:${closeloop.bootstrap-api-key:}}") String bootstrapKey,
            @Value("${closeloop.demo.enabled:false}") boolean demo) {
        this.users = users;
        this.keys = keys;
        this.passwords = passwords;
        this.events = events;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
        this.adminAllRoles = adminAllRoles;
        this.bootstrapKey = bootstrapKey;
        this.demo = demo;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.find(adminUser).isEmpty() && !users.any()) {
            String password = adminPassword;
            if (password == null || password.isBlank()) {
                byte[] random = new byte[18];
                new SecureRandom().nextBytes(random);
                password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                log.warn("First start: created user '{}' with the one-time password {} (set CLOSELOOP_ADMIN_PASSWORD to choose it;"
                        + " change it after signing in)", adminUser, password);
            }
            Set<Role> roles = adminAllRoles ? EnumSet.allOf(Role.class) : EnumSet.of(Role.ADMIN);
            try {
                users.create(adminUser, passwords.encode(password), "Administrator", null, null, roles, "SYSTEM (first start)");
                events.record("USER_CREATED", "SYSTEM (first start)", null, adminUser + " " + roles);
            } catch (DuplicateKeyException createdByAnotherNode) {
                // several nodes started together on a new database: another node created the first admin a moment ago
                log.info("First start: user '{}' was created by another node", adminUser);
            }
        }
        if (bootstrapKey != null && !bootstrapKey.isBlank()) {
            if (bootstrapKey.length() < 16) {
                throw new IllegalStateException("CLOSELOOP_BOOTSTRAP_API_KEY must be at least 16 characters");
            }
            ApiKeys.IssuedKey key;
            try {
                key = keys.issueFixed(bootstrapKey, "bootstrap", Role.INGEST, "SYSTEM (bootstrap)");
            } catch (DuplicateKeyException issuedByAnotherNode) {
                key = keys.issueFixed(bootstrapKey, "bootstrap", Role.INGEST, "SYSTEM (bootstrap)"); // now found
            }
            log.info("Bootstrap INGEST API key {} is active", key.keyId());
        }
        if (demo) {
            demoUser("dana", "Dana Ivanova", "E1004", Role.OPERATOR);
            demoUser("sam", "Sam Rivera", "S2001", Role.SUPERVISOR);
            demoUser("quinn", "Quinn Harper (QA)", null, Role.QA);
            demoUser("carla", "Carla Mendes (compliance lead)", null, Role.COMPLIANCE_LEAD);
            demoUser("audrey", "Audrey Klein (auditor)", null, Role.AUDITOR);
        }
    }

    private void demoUser(String username, String name, String employeeId, Role role) {
        if (users.find(username).isEmpty()) {
            users.create(username, passwords.encode("demo-" + username), name, null, employeeId, EnumSet.of(role), "SYSTEM (demo data)");
        }
    }
}
