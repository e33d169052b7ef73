package com.closeloop.security;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rate limit on the sign-in form: at most {@code perMinute} attempts per minute for one user name from one address,
 * and {@code 3 × perMinute} from one address whatever the user name. Further attempts are not even checked (so they
 * cannot guess a password or feed the lockout of someone else's account) and are recorded as SIGN_IN_THROTTLED.
 * The account lockout (5 failures in 15 minutes) still applies on top.
 */
class SignInRateLimit extends OncePerRequestFilter {

    private static final long WINDOW_MS = 60_000;

    private final int perMinute;
    private final SecurityEvents events;
    private final Clock clock;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    SignInRateLimit(int perMinute, SecurityEvents events, Clock clock) {
        this.perMinute = perMinute;
        this.events = events;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        String username = String.valueOf(request.getParameter("username"));
        long now = clock.millis();
        if (windows.size() > 10_000) {
            windows.values().removeIf(w -> now - w[0] > WINDOW_MS);
        }
        boolean allowed = count("a|" + address, now) <= 3L * perMinute & count("u|" + address + "|" + username, now) <= perMinute;
        if (!allowed) {
            events.record("SIGN_IN_THROTTLED", username, "POST /login", "from " + address);
            response.setStatus(429);
            response.setHeader("Retry-After", "60");
            response.setHeader("Location", request.getContextPath() + "/login?throttled");
            response.setContentType("text/html;charset=UTF-8");
            response.getWriter().write("<!DOCTYPE html><title>Too many sign-in attempts</title><p>Too many sign-in attempts; wait a minute"
                    + " and <a href=\"" + request.getContextPath() + "/login?throttled\">try again</a>.</p>");
            return;
        }
        chain.doFilter(request, response);
    }

    private long count(String key, long now) {
        long[] window = windows.compute(key, (k, w) -> w == null || now - w[0] > WINDOW_MS ? new long[] { now, 0 } : w);
        synchronized (window) {
            return ++window[1];
        }
    }
}
