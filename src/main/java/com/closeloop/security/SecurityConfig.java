package com.closeloop.security;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Two filter chains (RELIABILITY.md §5): {@code /api/**} takes an API key or HTTP Basic per request (or the session of
 * the web sign-in, then with CSRF on writes), answers 401/403 as problem+json, and every endpoint names the roles
 * allowed; the pages sign people in with a form (rate-limited, session, CSRF on). Both send CSP, frame and referrer
 * headers.
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
                // people may use the session of the web sign-in; API calls never create one (Basic, keys: per request)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .securityContext(c -> c.securityContextRepository(new DelegatingSecurityContextRepository(
                        new RequestAttributeSecurityContextRepository(), new HttpSessionSecurityContextRepository())))
                // CSRF protects only what rides on the session cookie: writes without an Authorization or X-Api-Key header
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(request -> !SAFE.contains(request.getMethod())
                        && request.getRequestedSessionId() != null && request.getHeader("Authorization") == null
                        && request.getHeader("X-Api-Key") == null))
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
                        .requestMatchers(HttpMethod.GET, "/api/documents/*/versions/*/readiness").hasAnyRole(INGEST, QA, COMPLIANCE_LEAD,
                                AUDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/notifications").hasAnyRole(QA, COMPLIANCE_LEAD, AUDITOR, SUPERVISOR)
                        .requestMatchers(HttpMethod.GET, "/api/audit", "/api/audit/verify", "/api/reports/**", "/api/signatures/**")
                                .hasAnyRole(AUDITOR, QA, COMPLIANCE_LEAD)
                        .requestMatchers(HttpMethod.POST, "/api/signatures").hasAnyRole(OPERATOR, SUPERVISOR, QA)
                        .requestMatchers("/api/admin/**").hasRole(ADMIN)
                        .anyRequest().denyAll());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pages(HttpSecurity http, SecurityEvents events,
            @Value("${closeloop.security.sign-in-attempts-per-minute:10}") int signInsPerMinute) throws Exception {
        http.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .formLogin(form -> form.loginPage("/login").failureUrl("/login?error").defaultSuccessUrl("/", false).permitAll())
                .logout(logout -> logout.logoutSuccessUrl("/login?logout").permitAll())
                .sessionManagement(s -> s.invalidSessionUrl("/login?expired").sessionFixation(f -> f.changeSessionId()))
                .addFilterBefore(new SignInRateLimit(signInsPerMinute, events, java.time.Clock.systemUTC()),
                        UsernamePasswordAuthenticationFilter.class)
                .exceptionHandling(e -> e.accessDeniedHandler((request, response, denied) -> {
                    events.record("ACCESS_DENIED", request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName(),
                            request.getMethod() + " " + request.getRequestURI(), denied.getMessage());
                    response.sendError(403);
                }))
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers("/login", "/css/**", "/js/**", "/favicon.ico", "/actuator/health", "/error").permitAll()
                        .requestMatchers(HttpMethod.POST, "/rules/reload").hasRole(COMPLIANCE_LEAD)
                        .requestMatchers(HttpMethod.POST, "/rules/preview").hasAnyRole(COMPLIANCE_LEAD, QA)
                        .requestMatchers(HttpMethod.GET, "/reports/**", "/audit", "/rules", "/documents", "/documents/*")
                                .hasAnyRole(AUDITOR, QA, COMPLIANCE_LEAD)
                        .requestMatchers(HttpMethod.GET, "/", "/account", "/employees/*").authenticated()
                        .requestMatchers(HttpMethod.POST, "/employees/*/sign").hasAnyRole(OPERATOR, SUPERVISOR)
                        .anyRequest().denyAll());
        return http.build();
    }

    private static final java.util.Set<String> SAFE = java.util.Set.of("GET", "HEAD", "OPTIONS", "TRACE");
}
