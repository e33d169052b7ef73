package com.closeloop.security;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Users and API keys ({@code ADMIN}); every change is recorded as a security event. */
@RestController
class AdminController {

    record NewUser(String username, String password, String displayName, String email, String employeeId, List<String> roles) {
    }

    record UserView(String username, String displayName, String email, String employeeId, Set<Role> roles, boolean enabled,
            boolean locked, Instant createdAt) {
    }

    record NewKey(String connector, String role) {
    }

    static final int MIN_PASSWORD = 12;

    private final AppUsers users;
    private final ApiKeys keys;
    private final PasswordEncoder passwords;
    private final SecurityEvents events;

    AdminController(AppUsers users, ApiKeys keys, PasswordEncoder passwords, SecurityEvents events) {
        this.users = users;
        this.keys = keys;
        this.passwords = passwords;
        this.events = events;
    }

    @GetMapping("/api/admin/users")
    List<UserView> users() {
        Instant now = Instant.now();
        return users.all().stream().map(u -> new UserView(u.username(), u.displayName(), u.email(), u.employeeId(), u.roles(), u.enabled(),
                u.lockedAt(now), u.createdAt())).toList();
    }

    @PostMapping("/api/admin/users")
    ResponseEntity<UserView> createUser(@RequestBody NewUser user, Authentication admin) {
        if (user.username() == null || !user.username().matches("[A-Za-z0-9._@-]{2,100}")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "username: 2-100 letters, digits or . _ @ -");
        }
        if (user.password() == null || user.password().length() < MIN_PASSWORD) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "password: at least " + MIN_PASSWORD + " characters");
        }
        if (users.find(user.username()).isPresent()) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "username: '" + user.username() + "' exists (user ids are never reused)");
        }
        Set<Role> roles = new TreeSet<>();
        for (String role : user.roles() == null ? List.<String>of() : user.roles()) {
            try {
                roles.add(Role.valueOf(role));
            } catch (IllegalArgumentException e) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "roles: unknown role '" + role + "'");
            }
        }
        if (roles.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "roles: at least one role");
        }
        String name = user.displayName() == null || user.displayName().isBlank() ? user.username() : user.displayName();
        users.create(user.username(), passwords.encode(user.password()), name, user.email(), user.employeeId(), roles, admin.getName());
        events.record("USER_CREATED", admin.getName(), null, user.username() + " " + roles);
        return ResponseEntity.status(HttpStatus.CREATED).body(new UserView(user.username(), name, user.email(), user.employeeId(), roles,
                true, false, Instant.now()));
    }

    @PostMapping("/api/admin/users/{username}/disable")
    ResponseEntity<Void> disable(@PathVariable String username, Authentication admin) {
        if (users.find(username).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown user '" + username + "'");
        }
        users.disable(username, admin.getName());
        events.record("USER_DISABLED", admin.getName(), null, username);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/admin/api-keys")
    List<ApiKeys.ApiKey> apiKeys() {
        return keys.all();
    }

    /** Creates a key; its value is in this answer only. */
    @PostMapping("/api/admin/api-keys")
    ResponseEntity<ApiKeys.IssuedKey> createKey(@RequestBody NewKey request, Authentication admin) {
        if (request.connector() == null || !request.connector().matches("[A-Za-z0-9._-]{2,100}")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "connector: 2-100 letters, digits or . _ -");
        }
        Role role;
        try {
            role = Role.valueOf(request.role() == null ? "INGEST" : request.role());
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "role: unknown role '" + request.role() + "'");
        }
        ApiKeys.IssuedKey key = keys.issue(request.connector(), role, admin.getName());
        events.record("API_KEY_CREATED", admin.getName(), null, key.keyId() + " " + request.connector() + " " + role);
        return ResponseEntity.status(HttpStatus.CREATED).body(key);
    }

    @PostMapping("/api/admin/api-keys/{keyId}/revoke")
    ResponseEntity<Void> revoke(@PathVariable String keyId, Authentication admin) {
        if (!keys.revoke(keyId, admin.getName())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no active API key '" + keyId + "'");
        }
        events.record("API_KEY_REVOKED", admin.getName(), null, keyId);
        return ResponseEntity.noContent().build();
    }
}
