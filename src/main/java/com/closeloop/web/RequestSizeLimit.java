package com.closeloop.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than {@code closeloop.web.max-request-bytes} (default 10 MB) with 413 problem+json
 * before anything reads them; chunked bodies without a length are cut off at the same size.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimit extends OncePerRequestFilter {

    private final long maxBytes;

    private static boolean wildcard(String contentType) {
        String type = contentType.split(";", 2)[0].trim();
        return type.startsWith("*") || type.endsWith("/*");
    }

    RequestSizeLimit(@Value("${closeloop.web.max-request-bytes:10485760}") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            response.setStatus(413);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("{\"type\":\"urn:closeloop:problem:too-large\",\"title\":\"Request too large\",\"status\":413,"
                    + "\"detail\":\"request bodies are limited to " + maxBytes + " bytes\"}");
            return;
        }
        String contentType = request.getContentType();
        if (contentType != null && request.getRequestURI().startsWith(request.getContextPath() + "/api/") && wildcard(contentType)) {
            // a body must say what it is: */* or application/* names no media type (Spring would fail reading it)
            response.setStatus(415);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("{\"type\":\"urn:closeloop:problem:unsupported-media-type\",\"title\":\"Unsupported Media Type\","
                    + "\"status\":415,\"detail\":\"Content-Type must name a media type, e.g. application/cloudevents+json, not a"
                    + " wildcard\",\"errors\":[{\"field\":\"Content-Type\",\"message\":\"is a wildcard\"}]}");
            return;
        }
        chain.doFilter(request, response);
    }
}
