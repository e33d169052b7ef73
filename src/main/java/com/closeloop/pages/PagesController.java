package com.closeloop.pages;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.closeloop.PlantClock;
import com.closeloop.RequestValues;
import com.closeloop.audit.AuditLog;
import com.closeloop.audit.AuditVerifier;
import com.closeloop.reports.ComplianceReport;
import com.closeloop.reports.ComplianceRow;
import com.closeloop.reports.ComplianceSummary;
import com.closeloop.reports.ReportWriters;
import com.closeloop.reports.TraceabilityReport;
import com.closeloop.security.Caller;
import com.closeloop.security.Role;
import com.closeloop.signatures.Meaning;
import com.closeloop.signatures.SignatureView;
import com.closeloop.signatures.Signatures;
import com.closeloop.training.AssignmentView;
import com.closeloop.training.Assignments;
import com.closeloop.training.Qualification;
import com.closeloop.training.QualificationCheck;
import com.closeloop.training.TrainingAccess;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The pages for people (server-rendered, plain, printable): dashboard, an employee's training and qualification,
 * the compliance report with its CSV, the traceability view, the audit trail with verify. The rule-set page is in
 * {@link RulesPage}. Each page reads the same services as the API; roles are enforced in SecurityConfig.
 */
@Controller
class PagesController {

    private final Dashboard dashboard;
    private final PlantClock clock;
    private final ComplianceReport compliance;
    private final ReportWriters writers;
    private final TraceabilityReport traceability;
    private final AuditLog audit;
    private final AuditVerifier verifier;
    private final Assignments assignments;
    private final QualificationCheck qualification;
    private final TrainingAccess access;
    private final JdbcTemplate jdbc;
    private final Signatures signatures;
    private final com.closeloop.training.Exemptions exemptions;

    PagesController(Dashboard dashboard, PlantClock clock, ComplianceReport compliance, ReportWriters writers,
            TraceabilityReport traceability, AuditLog audit, AuditVerifier verifier, Assignments assignments,
            QualificationCheck qualification, TrainingAccess access, JdbcTemplate jdbc, Signatures signatures,
            com.closeloop.training.Exemptions exemptions) {
        this.exemptions = exemptions;
        this.signatures = signatures;
        this.dashboard = dashboard;
        this.clock = clock;
        this.compliance = compliance;
        this.writers = writers;
        this.traceability = traceability;
        this.audit = audit;
        this.verifier = verifier;
        this.assignments = assignments;
        this.qualification = qualification;
        this.access = access;
        this.jdbc = jdbc;
    }

    @GetMapping("/login")
    String login() {
        return "pages/login";
    }

    /** People who oversee see the dashboard; operators and supervisors go to their own training. */
    @GetMapping("/")
    String home(Authentication caller, Model model) {
        if (!(Caller.has(caller, Role.AUDITOR) || Caller.has(caller, Role.QA) || Caller.has(caller, Role.COMPLIANCE_LEAD))) {
            return Caller.employeeId(caller).map(id -> "redirect:/employees/" + id).orElse("redirect:/account");
        }
        Instant now = clock.now();
        model.addAttribute("view", dashboard.view(clock.dateOf(now), now));
        return "pages/dashboard";
    }

    @GetMapping("/account")
    String account(Authentication caller, Model model) {
        model.addAttribute("roles", caller.getAuthorities().stream().map(a -> a.getAuthority().replace("ROLE_", "")).sorted().toList());
        return "pages/account";
    }

    @GetMapping("/employees/{employeeId}")
    String employee(@PathVariable String employeeId, Authentication caller, Model model) {
        access.requireMayRead(caller, employeeId);
        List<java.util.Map<String, Object>> person = jdbc.queryForList("select employee_id, name, email, supervisor_id, status"
                + " from employee where employee_id = ?", employeeId);
        if (person.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown employee");
        }
        Instant now = clock.now();
        List<AssignmentView> all = assignments.ofEmployee(employeeId, null, clock.dateOf(now));
        Set<String> documents = new LinkedHashSet<>(jdbc.queryForList("select distinct m.document_number from matrix_entry m"
                + " join job_function_holding h on h.job_function_code = m.job_function_code where h.employee_id = ?"
                + " and h.retracted_at is null and m.removed_at is null order by m.document_number", String.class, employeeId));
        all.forEach(a -> documents.add(a.documentNumber()));
        List<Qualification> qualifications = new ArrayList<>();
        for (String document : documents) {
            qualification.check(employeeId, document, now).ifPresent(qualifications::add);
        }
        model.addAttribute("person", person.get(0));
        model.addAttribute("holdings", jdbc.queryForList("select job_function_code, valid_from, valid_to from job_function_holding"
                + " where employee_id = ? and retracted_at is null order by valid_from, job_function_code", employeeId));
        model.addAttribute("assignments", all);
        model.addAttribute("qualifications", qualifications);
        model.addAttribute("exemptions", exemptions.ofEmployee(employeeId));
        model.addAttribute("today", clock.dateOf(now));
        List<String> completions = all.stream().map(AssignmentView::completionId).filter(java.util.Objects::nonNull).toList();
        java.util.Map<String, List<SignatureView>> signed = new java.util.HashMap<>();
        signatures.of("completion", completions).forEach(sig -> signed.computeIfAbsent(sig.recordId(), k -> new ArrayList<>()).add(sig));
        model.addAttribute("signatures", signed);
        boolean own = Caller.employeeId(caller).filter(employeeId::equals).isPresent();
        model.addAttribute("maySignCompleted", own);
        model.addAttribute("maySignVerified", !own && Caller.has(caller, Role.SUPERVISOR));
        return "pages/employee";
    }

    /** Signing a completion on the employee page: the signer re-enters their password (21 CFR 11.200). */
    @org.springframework.web.bind.annotation.PostMapping("/employees/{employeeId}/sign")
    String sign(@PathVariable String employeeId, @RequestParam String completionId, @RequestParam String meaning,
            @RequestParam(defaultValue = "") String password, Authentication caller,
            org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        access.requireMayRead(caller, employeeId);
        try {
            Meaning wanted = Meaning.valueOf(meaning);
            signatures.sign("completion", completionId, wanted, caller.getName(), password);
            redirect.addFlashAttribute("signed", "Signed: " + wanted);
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("signError", "Unknown meaning.");
        } catch (org.springframework.web.ErrorResponseException e) {
            redirect.addFlashAttribute("signError", e.getBody().getDetail());
        }
        return "redirect:/employees/" + employeeId;
    }

    @GetMapping("/reports/compliance")
    String compliance(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) List<String> jobFunction, Model model) {
        LocalDate today = clock.dateOf(clock.now());
        LocalDate start = parse(from, today.withDayOfYear(1));
        LocalDate end = parse(to, today.withMonth(12).withDayOfMonth(31));
        List<String> functions = jobFunction == null ? List.of() : jobFunction.stream().filter(f -> !f.isBlank()).distinct().sorted().toList();
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        model.addAttribute("selected", functions);
        model.addAttribute("functions", jdbc.queryForList("select code from job_function order by code", String.class));
        if (end.isBefore(start)) {
            model.addAttribute("error", "The end date is before the start date.");
            return "pages/compliance";
        }
        Instant asOf = clock.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        List<ComplianceRow> rows = new ArrayList<>();
        ComplianceSummary summary = compliance.stream(new ComplianceReport.Scope(start, end, functions, asOf), rows::add);
        model.addAttribute("rows", rows.size() > 5000 ? rows.subList(0, 5000) : rows);
        model.addAttribute("rowCount", rows.size());
        model.addAttribute("summary", summary);
        model.addAttribute("asOf", asOf);
        StringBuilder query = new StringBuilder("from=" + start + "&to=" + end + "&asOf=" + asOf);
        functions.forEach(f -> query.append("&jobFunction=").append(java.net.URLEncoder.encode(f, java.nio.charset.StandardCharsets.UTF_8)));
        model.addAttribute("csvQuery", query.toString());
        return "pages/compliance";
    }

    /** The CSV of the report page, downloaded with the page's session (the same writer as the API). */
    @GetMapping("/reports/compliance.csv")
    void complianceCsv(@RequestParam String from, @RequestParam String to, @RequestParam(required = false) List<String> jobFunction,
            @RequestParam(required = false) String asOf, HttpServletResponse response) throws IOException {
        LocalDate start = parse(from, null);
        LocalDate end = parse(to, null);
        Instant given = RequestValues.instant("asOf", asOf);
        Instant at = given != null ? given : clock.now();
        List<String> functions = jobFunction == null ? List.of() : jobFunction.stream().filter(f -> !f.isBlank()).distinct().sorted().toList();
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"training-compliance-" + start + "-" + end + ".csv\"");
        writers.csv(new ComplianceReport.Scope(start, end, functions, at), response.getOutputStream());
    }

    @GetMapping("/reports/traceability")
    String traceability(@RequestParam(required = false) String capaId, @RequestParam(required = false) String deviationId, Model model) {
        model.addAttribute("capaId", capaId);
        model.addAttribute("deviationId", deviationId);
        model.addAttribute("capas", jdbc.queryForList("select capa_id from capa order by opened_at desc, capa_id limit 50", String.class));
        model.addAttribute("deviations", jdbc.queryForList("select deviation_id from deviation order by occurred_at desc, deviation_id"
                + " limit 50", String.class));
        if (capaId != null && !capaId.isBlank()) {
            model.addAttribute("report", traceability.ofCapa(capaId.trim()).orElse(null));
            model.addAttribute("notFound", "CAPA " + capaId);
        } else if (deviationId != null && !deviationId.isBlank()) {
            model.addAttribute("report", traceability.ofDeviation(deviationId.trim()).orElse(null));
            model.addAttribute("notFound", "deviation " + deviationId);
        }
        return "pages/traceability";
    }

    @GetMapping("/audit")
    String audit(@RequestParam(required = false) String entity, @RequestParam(required = false) String id,
            @RequestParam(defaultValue = "0") long afterSeq, @RequestParam(required = false) String verify, Model model) {
        String wanted = entity == null || entity.isBlank() ? null : entity;
        if (wanted != null && !AuditLog.ENTITIES.contains(wanted)) {
            wanted = null;
        }
        String wantedId = wanted == null || id == null || id.isBlank() ? null : id.trim();
        model.addAttribute("entities", AuditLog.ENTITIES);
        model.addAttribute("entity", wanted);
        model.addAttribute("id", wantedId);
        model.addAttribute("entries", audit.find(new AuditLog.Query(wanted, wantedId, null, null, null, null, Math.max(0, afterSeq), 200)));
        if (verify != null) {
            model.addAttribute("verification", verifier.verify());
        }
        return "pages/audit";
    }

    private static LocalDate parse(String value, LocalDate fallback) {
        LocalDate date = RequestValues.date("date", value);
        if (date == null && fallback == null) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "a date is required");
        }
        return date != null ? date : fallback;
    }
}
