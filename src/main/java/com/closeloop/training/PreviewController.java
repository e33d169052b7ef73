package com.closeloop.training;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.closeloop.PlantClock;
import com.closeloop.facts.PlantFacts;
import com.closeloop.ingest.CloudEvent;
import com.closeloop.ingest.EventContext;
import com.closeloop.ingest.EventGateway;
import com.closeloop.ingest.FieldError;
import com.closeloop.ingest.PreviewOutcome;
import com.closeloop.rules.DecisionRecord;
import com.closeloop.rules.facts.Holder;
import com.closeloop.rules.facts.MatrixMapping;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/preview}: the decisions the active rules would make for an event, without keeping anything.
 * For a document version approval it also says who would not be qualified on the effective date at current
 * completion status (SPEC §5 "impact preview").
 */
@RestController
class PreviewController {

    record NotQualified(String employeeId, String reason, String requiredVersion, String completedVersion, Instant completedAt) {
    }

    record VersionImpact(String documentNumber, String version, LocalDate effectiveDate, int holders, List<NotQualified> notQualified) {
    }

    private final EventGateway gateway;
    private final PlantFacts facts;
    private final QualificationCheck qualification;
    private final PlantClock clock;

    PreviewController(EventGateway gateway, PlantFacts facts, QualificationCheck qualification, PlantClock clock) {
        this.gateway = gateway;
        this.facts = facts;
        this.qualification = qualification;
        this.clock = clock;
    }

    @PostMapping(path = "/api/preview", consumes = { "application/cloudevents+json", MediaType.APPLICATION_JSON_VALUE })
    ResponseEntity<?> preview(@RequestBody(required = false) String body) {
        PreviewOutcome outcome = gateway.preview(body == null ? "" : body, this::impact);
        if (!"REJECTED".equals(outcome.status())) {
            return ResponseEntity.ok(outcome);
        }
        HttpStatus status = outcome.unprocessable() ? HttpStatus.UNPROCESSABLE_ENTITY : HttpStatus.BAD_REQUEST;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, FieldError.join(outcome.errors()));
        problem.setTitle("The event would be refused");
        problem.setProperty("errors", outcome.errors());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** For a version approval: every holder of a mapped job function, judged at 00:00 plant time on the effective date. */
    private Object impact(EventContext context, CloudEvent event, List<DecisionRecord> decisions) {
        if (!"closeloop.document.version.approved".equals(event.type())) {
            return null;
        }
        String document = event.data().path("documentNumber").asText();
        String version = event.data().path("version").asText();
        LocalDate effective = LocalDate.parse(event.data().path("effectiveDate").asText());
        Set<String> functions = new TreeSet<>();
        facts.mappingsOfDocument(document).stream().map(MatrixMapping::jobFunctionCode).forEach(functions::add);
        Set<String> holders = new TreeSet<>();
        facts.holders(functions, effective).stream().map(Holder::employeeId).forEach(holders::add);
        Instant at = clock.startOf(effective);
        List<NotQualified> notQualified = new ArrayList<>();
        for (String employee : holders) {
            qualification.check(employee, document, at).filter(q -> !q.qualified()).ifPresent(q -> notQualified.add(
                    new NotQualified(employee, q.reason(), q.requiredVersion(), q.completedVersion(), q.completedAt())));
        }
        return new VersionImpact(document, version, effective, holders.size(), notQualified);
    }
}
