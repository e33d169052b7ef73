package com.closeloop.web;

import java.net.URI;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Errors on {@code /api/**} are {@code application/problem+json}. Spring MVC's own exceptions (unsupported
 * media type, missing parameter, {@code ResponseStatusException}, ...) keep their status; anything else is a
 * 500 whose body names an incident id to find in the log, never a stack trace or SQL.
 */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private final com.closeloop.security.SecurityEvents events;

    ApiErrors(com.closeloop.security.SecurityEvents events) {
        this.events = events;
    }

    /** A controller's own ownership check (e.g. an operator asking for someone else's training). */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e, HttpServletRequest request) {
        events.record("ACCESS_DENIED", request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName(),
                request.getMethod() + " " + request.getRequestURI(), e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setType(URI.create("urn:closeloop:problem:forbidden"));
        problem.setTitle("Forbidden");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** A multipart body that cannot be parsed (the API takes none): 400, not an internal error. */
    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ResponseEntity<ProblemDetail> multipart(org.springframework.web.multipart.MultipartException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "body: is a malformed multipart body; send application/cloudevents+json or application/json");
        problem.setType(URI.create("urn:closeloop:problem:invalid-request"));
        problem.setTitle("Invalid request");
        problem.setProperty("errors", java.util.List.of(java.util.Map.of("field", "body", "message", "is a malformed multipart body")));
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        String incident = UUID.randomUUID().toString();
        log.error("Incident {}: unexpected error", incident, e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The hub could not process the request; nothing was applied. Incident " + incident + " is in the log.");
        problem.setType(URI.create("urn:closeloop:problem:internal-error"));
        problem.setTitle("Internal error");
        problem.setProperty("incident", incident);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
