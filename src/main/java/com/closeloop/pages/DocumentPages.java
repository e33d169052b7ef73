package com.closeloop.pages;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.closeloop.PlantClock;
import com.closeloop.documents.Readiness;
import com.closeloop.facts.PlantFacts;
import com.closeloop.facts.VersionInfo;
import com.closeloop.rules.RuleEngine;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Document pages for QA, compliance leads and auditors: the documents, and per document its versions (with QA's
 * training-impact verdicts and implementation periods) and the effectivity readiness of a version (SPEC §2b.13).
 */
@Controller
class DocumentPages {

    private final JdbcTemplate jdbc;
    private final PlantFacts facts;
    private final Readiness readiness;
    private final RuleEngine rules;
    private final PlantClock clock;

    DocumentPages(JdbcTemplate jdbc, PlantFacts facts, Readiness readiness, RuleEngine rules, PlantClock clock) {
        this.jdbc = jdbc;
        this.facts = facts;
        this.readiness = readiness;
        this.rules = rules;
        this.clock = clock;
    }

    @GetMapping("/documents")
    String documents(@RequestParam(required = false) String q, Model model) {
        String like = q == null || q.isBlank() ? "%" : "%" + q.trim().toLowerCase(java.util.Locale.ROOT) + "%";
        model.addAttribute("q", q);
        model.addAttribute("documents", jdbc.queryForList("select d.document_number, d.title, d.category, max(v.seq) versions"
                + " from controlled_document d join document_version v on v.document_number = d.document_number"
                + " where lower(d.document_number) like ? or lower(d.title) like ? group by d.document_number, d.title, d.category"
                + " order by d.document_number limit 500", like, like));
        return "pages/documents";
    }

    @GetMapping("/documents/{documentNumber}")
    @Transactional(readOnly = true)
    String document(@PathVariable String documentNumber, @RequestParam(required = false) String version, Model model) {
        List<VersionInfo> versions = facts.versions(documentNumber);
        if (versions.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "unknown document");
        }
        VersionInfo selected = Optional.ofNullable(version).flatMap(v -> versions.stream().filter(x -> x.version().equals(v)).findFirst())
                .orElse(versions.get(versions.size() - 1));
        List<Map<String, Object>> rows = jdbc.queryForList("select version, change_type, effective_date, retraining_required,"
                + " retraining_due_date, training_impact, training_impact_reason, training_impact_decided_by, implementation_days,"
                + " rule_name, title from document_version where document_number = ? order by seq desc", documentNumber);
        Instant at = clock.startOf(selected.effectiveDate());
        model.addAttribute("documentNumber", documentNumber);
        model.addAttribute("title", rows.get(0).get("title"));
        model.addAttribute("category", selected.category());
        model.addAttribute("versions", rows);
        model.addAttribute("selected", selected.version());
        model.addAttribute("readiness", readiness.judge(documentNumber, selected.version(), at, selected.effectiveDate(), rules.active())
                .orElseThrow());
        model.addAttribute("mappings", facts.mappingsOfDocument(documentNumber));
        return "pages/document";
    }
}
