package com.closeloop;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A refused API request, answered as {@code application/problem+json} naming the field and the problem
 * ({@code errors: [{field, message}]}, the same shape as a rejected event's errors).
 */
public class ApiProblem extends ErrorResponseException {

    private ApiProblem(HttpStatus status, String type, String title, String field, String message) {
        super(status, body(status, type, title, field, message), null);
    }

    private static ProblemDetail body(HttpStatus status, String type, String title, String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, field == null ? message : field + ": " + message);
        problem.setType(URI.create("urn:closeloop:problem:" + type));
        problem.setTitle(title);
        if (field != null) {
            problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        }
        return problem;
    }

    /** 400: a parameter or body field is missing or malformed. */
    public static ApiProblem badRequest(String field, String message) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", field, message);
    }

    /** 404: the record named by {@code field} does not exist. */
    public static ApiProblem notFound(String field, String message) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", field, message);
    }

    /** 409: the request is well-formed but conflicts with the record's state. */
    public static ApiProblem conflict(String field, String message) {
        return new ApiProblem(HttpStatus.CONFLICT, "conflict", "Conflict", field, message);
    }

    /** 403 with a reason (a signature refused, a record that is not the caller's). */
    public static ApiProblem forbidden(String field, String message) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", field, message);
    }
}
