package com.closeloop.reports;

import java.util.List;

import com.closeloop.ApiProblem;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The auditors' reports (SPEC §4): training compliance as JSON or CSV (by {@code Accept}, or {@code format=csv}),
 * traceability as JSON or a printable HTML page, and the audit pack (ZIP). Reports stream; nothing is held whole.
 */
@RestController
class ReportsController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final ReportScopes scopes;
    private final ReportWriters writers;
    private final TraceabilityReport traceability;
    private final TraceabilityPage page;
    private final AuditPack pack;

    ReportsController(ReportScopes scopes, ReportWriters writers, TraceabilityReport traceability, TraceabilityPage page, AuditPack pack) {
        this.scopes = scopes;
        this.writers = writers;
        this.traceability = traceability;
        this.page = page;
        this.pack = pack;
    }

    @GetMapping("/api/reports/training-compliance")
    ResponseEntity<StreamingResponseBody> compliance(@RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(required = false) List<String> jobFunction,
            @RequestParam(required = false) String asOf, @RequestParam(required = false) String format,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        ComplianceReport.Scope scope = scopes.compliance(from, to, jobFunction, asOf);
        if (wants(format, accept, "csv", "text/csv")) {
            return ResponseEntity.ok().contentType(CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"training-compliance-" + scope.from() + "-" + scope.to()
                            + ".csv\"")
                    .body(out -> writers.csv(scope, out));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out -> writers.json(scope, out));
    }

    @GetMapping("/api/reports/traceability")
    ResponseEntity<?> traceability(@RequestParam(required = false) String deviationId, @RequestParam(required = false) String capaId,
            @RequestParam(required = false) String format, @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        if ((deviationId == null) == (capaId == null)) {
            throw ApiProblem.badRequest(deviationId == null ? "deviationId" : "capaId", "name exactly one of deviationId or capaId");
        }
        TraceabilityReport.Report report = (deviationId != null ? traceability.ofDeviation(deviationId) : traceability.ofCapa(capaId))
                .orElseThrow(() -> deviationId != null ? ApiProblem.notFound("deviationId", "unknown deviation '" + deviationId + "'")
                        : ApiProblem.notFound("capaId", "unknown CAPA '" + capaId + "'"));
        if (wants(format, accept, "html", "text/html")) {
            return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/html;charset=UTF-8")).body(page.render(report));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }

    @GetMapping("/api/reports/audit-pack")
    ResponseEntity<StreamingResponseBody> auditPack(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) List<String> jobFunction, @RequestParam(required = false) String asOf) {
        ComplianceReport.Scope scope = scopes.compliance(from, to, jobFunction, asOf);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"closeloop-audit-pack-" + scope.from() + "-" + scope.to()
                        + ".zip\"")
                .body(out -> pack.write(scope, out));
    }

    private static boolean wants(String format, String accept, String name, String mediaType) {
        if (format != null) {
            return format.equalsIgnoreCase(name);
        }
        return accept != null && accept.toLowerCase(java.util.Locale.ROOT).startsWith(mediaType);
    }
}
