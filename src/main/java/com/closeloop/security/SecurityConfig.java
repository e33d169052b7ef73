package com.closeloop.security;

import java.time.Instant;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two filter chains (RELIABILITY.md §5): {@code /api/**} is stateless (API key or HTTP Basic, no session, no CSRF,
 * 401/403 as problem+json) and every endpoint names the roles allowed; everything else signs people in with a
 * form, with CSRF on. Both send CSP, frame and referrer headers.
 */
@Configuration
class SecurityConfig {

    static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none';"
            + " form-action 'self'; base-uri 'self'; object-src 'none'";

    private static final String INGEST = Role.INGEST.name();
    private static final String OPERATOR = Role.OPERATOR.name();
    private static final String SUPERVISOR = Role.SUPERVISOR.name();
    private static final String QA = Role.QA.name();
    private static final String COMPLIANCE_LEAD = Role.COMPLIANCE_LEAD.name();
    private static final String AUDITOR = Role.AUDITOR.name();
    private static final String ADMIN = Role.ADMIN.name();

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiKeys keys, ProblemResponses problems) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .addFilterBefore(new ApiKeyFilter(keys, problems), BasicAuthenticationFilter.class)
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/events").hasAnyRole(INGEST, QA, OPERATOR, SUPERVISOR)
                        .requestMatchers(HttpMethod.POST, "/api/xapi/statements").hasRole(INGEST)
                        .requestMatchers(HttpMethod.POST, "/api/preview").hasAnyRole(COMPLIANCE_LEAD, QA)
                        .requestMatchers(HttpMethod.POST, "/api/rules/reload").hasRole(COMPLIANCE_LEAD)
                        .requestMatchers(HttpMethod.GET, "/api/rules").hasAnyRole(COMPLIANCE_LEAD, QA, AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/qualification").hasAnyRole(INGEST, OPERATOR, SUPERVISOR, QA, COMPLIANCE_LEAD,
                                AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/employees/*/assignments").hasAnyRole(OPERATOR, SUPERVISOR, QA,
                                COMPLIANCE_LEAD, AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/capas/**", "/api/deviations/**", "/api/decisions").hasAnyRole(QA,
                                COMPLIANCE_LEAD, AUDITOR)
                        .requestMatchers("/api/admin/**").hasRole(ADMIN)
                        .anyRequest().denyAll());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http) throws Exception {
        http.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .formLogin(form -> form.permitAll())
                .logout(logout -> logout.permitAll())
                .authorizeHttpRequests(a -> a.requestMatchers("/actuator/health", "/error").permitAll().anyRequest().authenticated());
        return http.build();
    }

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
