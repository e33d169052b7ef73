package com.closeloop.web;

import java.net.URI;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
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
