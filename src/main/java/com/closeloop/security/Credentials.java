package com.closeloop.security;

import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** How people's credentials are checked: BCrypt hashes, users from {@code app_user}, lockout on repeated failures. */
@Configuration
class Credentials {

    @Bean
    PasswordEncoder passwordEncoder(@Value("${closeloop.security.bcrypt-strength:12}") int strength) {
        return new BCryptPasswordEncoder(strength);
    }

    @Bean
    UserDetailsService users(AppUsers users) {
        return username -> users.find(username).map(u -> new CloseloopUser(u.username(), u.passwordHash(), u.enabled(),
                !u.lockedAt(Instant.now()), u.roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList(),
                u.employeeId(), u.displayName()))
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    /** Counts failed sign-ins: five within 15 minutes lock the account for 15 minutes (recorded at once). */
    @Bean
    LockoutListener lockoutListener(AppUsers users, SecurityEvents events) {
        return new LockoutListener(users, events);
    }

    static class LockoutListener {

        private final AppUsers users;
        private final SecurityEvents events;

        LockoutListener(AppUsers users, SecurityEvents events) {
            this.users = users;
            this.events = events;
        }

        @EventListener
        void failed(AbstractAuthenticationFailureEvent event) {
            String username = String.valueOf(event.getAuthentication().getPrincipal());
            events.record("SIGN_IN_FAILED", username, null, event.getException().getClass().getSimpleName());
            if (users.recordFailure(username, Instant.now())) {
                events.record("ACCOUNT_LOCKED", username, null, AppUsers.MAX_FAILURES + " failed sign-ins within "
                        + AppUsers.FAILURE_WINDOW.toMinutes() + " minutes");
            }
        }

        @EventListener
        void succeeded(AuthenticationSuccessEvent event) {
            users.recordSuccess(event.getAuthentication().getName());
        }
    }
}
