package com.closeloop.security;

import java.io.IOException;
import java.net.URI;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.stereotype.Component;

/** {@code /api/**} answers 401 and 403 as problem+json (never a redirect to a sign-in page), and records each. */
@Component
class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper json = new ObjectMapper();
    private final SecurityEvents events;

    ProblemResponses(SecurityEvents events) {
        this.events = events;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        events.record("UNAUTHENTICATED", request.getHeader("X-Api-Key") != null ? "api key" : null, request.getRequestURI(),
                e.getClass().getSimpleName());
        response.setHeader("WWW-Authenticate", "Basic realm=\"closeloop\"");
        write(response, HttpStatus.UNAUTHORIZED, "Authentication required",
                "Send X-Api-Key (systems) or HTTP Basic credentials (people).");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        events.record("ACCESS_DENIED", Caller.name(auth), request.getMethod() + " " + request.getRequestURI(), e.getMessage());
        write(response, HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow " + request.getMethod() + " " + request.getRequestURI());
    }

    void write(HttpServletResponse response, HttpStatus status, String title, String detail) throws IOException {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        problem.setType(URI.create("urn:closeloop:problem:" + (status == HttpStatus.UNAUTHORIZED ? "unauthenticated" : "forbidden")));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
