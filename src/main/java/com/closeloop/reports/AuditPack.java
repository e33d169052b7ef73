package com.closeloop.reports;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import com.closeloop.Hashes;
import com.closeloop.JdbcValues;
import com.closeloop.PlantClock;
import com.closeloop.rules.RuleEngine;
import com.fasterxml.jackson.core.type.TypeReference;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The audit pack: one ZIP with the compliance report (JSON and CSV), the traceability report (JSON and HTML) of every
 * deviation and CAPA in the scope, the rule sets in force (their files' text), and a manifest of SHA-256 hashes.
 * Byte-identical for the same scope, as-of time and data: fixed entry order and timestamps, deterministic content.
 */
@Component
public class AuditPack {

    private final ReportWriters writers;
    private final TraceabilityReport traceability;
    private final TraceabilityPage page;
    private final JdbcTemplate jdbc;
    private final RuleEngine rules;
    private final PlantClock clock;

    AuditPack(ReportWriters writers, TraceabilityReport traceability, TraceabilityPage page, JdbcTemplate jdbc, RuleEngine rules,
            PlantClock clock) {
        this.clock = clock;
        this.writers = writers;
        this.traceability = traceability;
        this.page = page;
        this.jdbc = jdbc;
        this.rules = rules;
    }

    public void write(ComplianceReport.Scope scope, OutputStream out) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        writers.json(scope, json);
        files.put("training-compliance.json", json.toByteArray());
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        writers.csv(scope, csv);
        files.put("training-compliance.csv", csv.toByteArray());

        var asOf = JdbcValues.utc(scope.asOf());
        var from = JdbcValues.date(scope.from());
        var to = JdbcValues.date(scope.to());
        var start = JdbcValues.utc(clock.startOf(scope.from()));
        var end = JdbcValues.utc(clock.startOf(scope.to().plusDays(1)));
        // deviations that occurred, and CAPAs opened, in the range by the as-of time; with job functions, those whose
        // involved or assigned employees hold one of them
        String functions = scope.jobFunctions().isEmpty() ? "" : " and exists (select 1 from job_function_holding h where"
                + " h.retracted_at is null and h.employee_id = %s and h.job_function_code in ("
                + String.join(", ", java.util.Collections.nCopies(scope.jobFunctions().size(), "?")) + "))";
        List<Object> args = new ArrayList<>(List.of(asOf, start, end));
        args.addAll(scope.jobFunctions());
        List<String> deviations = jdbc.queryForList("select d.deviation_id from deviation d where d.occurred_at <= ? and d.occurred_at >= ?"
                + " and d.occurred_at < ?" + (functions.isEmpty() ? "" : " and exists (select 1 from deviation_finding f where"
                + " f.deviation_id = d.deviation_id" + functions.formatted("f.employee_id") + ")") + " order by d.deviation_id",
                String.class, args.toArray());
        for (String id : deviations) {
            var report = traceability.ofDeviation(id).orElseThrow();
            files.put("traceability/deviation-" + safe(id) + ".json", ReportWriters.JSON.writeValueAsBytes(report));
            files.put("traceability/deviation-" + safe(id) + ".html", page.render(report).getBytes(StandardCharsets.UTF_8));
        }
        List<String> capas = jdbc.queryForList("select c.capa_id from capa c where c.opened_at <= ? and c.opened_at >= ?"
                + " and c.opened_at < ?" + (functions.isEmpty() ? "" : " and exists (select 1 from capa_action a join capa_action_assignee x"
                + " on x.action_key = a.action_key where a.capa_id = c.capa_id" + functions.formatted("x.employee_id") + ")")
                + " order by c.capa_id", String.class, args.toArray()).stream()
                .filter(id -> traceability.deviationOf(id).map(d -> !deviations.contains(d)).orElse(true)).toList();
        for (String id : capas) {
            var report = traceability.ofCapa(id).orElseThrow();
            files.put("traceability/capa-" + safe(id) + ".json", ReportWriters.JSON.writeValueAsBytes(report));
            files.put("traceability/capa-" + safe(id) + ".html", page.render(report).getBytes(StandardCharsets.UTF_8));
        }

        TreeSet<String> versions = new TreeSet<>(jdbc.queryForList("select distinct rule_set_version from training_assignment"
                + " where assigned_at <= ? and ((reason = 'REVISION' and effective_date between ? and ?)"
                + " or (reason <> 'REVISION' and due_date between ? and ?))", String.class, asOf, from, to, from, to));
        // and the rule set in force at the as-of time
        versions.addAll(jdbc.queryForList("select rule_set_version from rule_set_activation where outcome = 'ACTIVATED'"
                + " and attempted_at <= ? order by attempted_at desc, activation_id desc limit 1", String.class, asOf));
        List<Map<String, Object>> ruleSets = new ArrayList<>();
        for (String version : versions) {
            for (Map<String, Object> row : jdbc.queryForList("select rule_set_version, activated_at, activated_by, sources from rule_set"
                    + " where rule_set_version = ?", version)) {
                Map<String, String> sources = row.get("sources") == null ? Map.of()
                        : ReportWriters.JSON.readValue((String) row.get("sources"), new TypeReference<TreeMap<String, String>>() { });
                for (Map.Entry<String, String> file : sources.entrySet()) {
                    files.put("rule-sets/" + version + "/" + file.getKey(), file.getValue().getBytes(StandardCharsets.UTF_8));
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("version", version);
                entry.put("firstActivatedAt", String.valueOf(JdbcValues.instant(row.get("activated_at"))));
                entry.put("activatedBy", row.get("activated_by"));
                entry.put("files", new ArrayList<>(sources.keySet()));
                ruleSets.add(entry);
            }
        }

        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("pack", "closeloop audit pack");
        manifest.put("from", scope.from().toString());
        manifest.put("to", scope.to().toString());
        manifest.put("jobFunctions", scope.jobFunctions());
        manifest.put("asOf", scope.asOf().toString());
        manifest.put("ruleSets", ruleSets);
        manifest.put("activeRuleSetVersion", rules.active().version());
        List<Map<String, Object>> listed = new ArrayList<>();
        files.forEach((name, bytes) -> {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("name", name);
            f.put("bytes", bytes.length);
            f.put("sha256", HexFormat.of().formatHex(Hashes.sha256().digest(bytes)));
            listed.add(f);
        });
        manifest.put("files", listed);
        files.put("manifest.json", ReportWriters.JSON.writeValueAsBytes(manifest));

        LocalDateTime stamp = LocalDateTime.ofInstant(scope.asOf(), ZoneOffset.UTC);
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                ZipEntry entry = new ZipEntry(file.getKey());
                entry.setTimeLocal(stamp.getYear() < 1980 ? LocalDateTime.of(1980, 1, 1, 0, 0) : stamp);
                zip.putNextEntry(entry);
                zip.write(file.getValue());
                zip.closeEntry();
            }
        }
    }

    private static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

}
