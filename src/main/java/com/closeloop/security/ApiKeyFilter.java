package com.closeloop.security;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates systems by {@code X-Api-Key} (header only, never a query parameter); a wrong or revoked key is a 401. */
class ApiKeyFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Api-Key";

    private final ApiKeys keys;
    private final ProblemResponses problems;

    private static final RequestAttributeSecurityContextRepository CONTEXTS = new RequestAttributeSecurityContextRepository();

    ApiKeyFilter(ApiKeys keys, ProblemResponses problems) {
        this.keys = keys;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(HEADER);
        if (presented != null && !presented.isBlank()) {
            var key = keys.authenticate(presented.trim());
            if (key.isEmpty()) {
                problems.commence(request, response, new BadCredentialsException("unknown or revoked API key"));
                return;
            }
            var auth = new UsernamePasswordAuthenticationToken("api-key:" + key.get().keyId() + " (" + key.get().connector() + ")", null,
                    List.of(new SimpleGrantedAuthority(key.get().role().authority())));
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(auth);
            SecurityContextHolder.setContext(context);
            // kept with the request, so a streamed answer's async dispatch is still the key's (as HTTP Basic does)
            CONTEXTS.saveContext(context, request, response);
        }
        chain.doFilter(request, response);
    }
}
