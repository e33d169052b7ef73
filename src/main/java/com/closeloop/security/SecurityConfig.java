package com.closeloop.security;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two filter chains (RELIABILITY.md §5): {@code /api/**} is stateless (API key or HTTP Basic, no session, no CSRF,
 * 401/403 as problem+json) and every endpoint names the roles allowed; everything else signs people in with a
 * form, with CSRF on. Both send CSP, frame and referrer headers.
 */
@Configuration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
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
                        .requestMatchers(HttpMethod.GET, "/api/audit", "/api/audit/verify", "/api/reports/**", "/api/signatures/**")
                                .hasAnyRole(AUDITOR, QA, COMPLIANCE_LEAD)
                        .requestMatchers(HttpMethod.POST, "/api/signatures").hasAnyRole(OPERATOR, SUPERVISOR, QA)
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
}
