package com.closeloop.documents;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.closeloop.facts.PlantFacts;
import com.closeloop.facts.VersionInfo;
import com.closeloop.rules.RuleSet;
import com.closeloop.rules.decisions.Decision;
import com.closeloop.rules.decisions.ReadinessDecision;
import com.closeloop.rules.facts.FunctionReadiness;
import com.closeloop.rules.facts.ReadinessQuestion;

import org.springframework.stereotype.Component;

/**
 * The effectivity readiness gate (SPEC §2b item 13, §4a): per job function mapped to the document, how many active
 * holders must train on the version and how many are qualified on it at T (completed it or a later version by T, by
 * themselves or through an equivalent course; exempt; or in its implementation period), read set-based; the rules (rules/readiness) decide whether each job function and the version are ready.
 */
@Component
public class Readiness {

    /** The answer (SPEC §4 "readiness"). */
    public record Answer(String documentNumber, String version, Instant at, boolean ready, List<String> reasons,
            List<JobFunction> jobFunctions, String ruleName, String ruleSetVersion, List<Decision> decisions) {
    }

    public record JobFunction(String code, int required, int qualified, List<String> notQualifiedEmployeeIds) {
    }

    private final PlantFacts facts;

    Readiness(PlantFacts facts) {
        this.facts = facts;
    }

    /** Empty when the document or version is unknown. */
    public Optional<Answer> judge(String documentNumber, String version, Instant at, LocalDate day, RuleSet rules) {
        List<VersionInfo> versions = facts.versions(documentNumber);
        Optional<VersionInfo> found = versions.stream().filter(v -> v.version().equals(version)).findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        VersionInfo v = found.get();
        Map<String, List<PlantFacts.ReadinessRow>> byFunction = new LinkedHashMap<>();
        int previousSeq = VersionInfo.previousRequired(versions, v).map(VersionInfo::seq).orElse(0);
        facts.readiness(documentNumber, version, v.seq(), at, day, v.implementationUntil().orElse(null), previousSeq,
                v.approvedEventAt()).forEach(r -> byFunction.computeIfAbsent(r.jobFunctionCode(),
                k -> new ArrayList<>()).add(r));
        facts.mappingsOfDocument(documentNumber).forEach(m -> byFunction.putIfAbsent(m.jobFunctionCode(), new ArrayList<>()));
        List<Object> ruleFacts = new ArrayList<>();
        ruleFacts.add(new ReadinessQuestion(documentNumber, version, v.category()));
        List<JobFunction> functions = new ArrayList<>();
        byFunction.forEach((code, rows) -> {
            int qualified = (int) rows.stream().filter(PlantFacts.ReadinessRow::qualified).count();
            ruleFacts.add(new FunctionReadiness(documentNumber, version, v.category(), code, rows.size(), qualified));
            functions.add(new JobFunction(code, rows.size(), qualified, rows.stream().filter(r -> !r.qualified())
                    .map(PlantFacts.ReadinessRow::employeeId).toList()));
        });
        functions.sort(java.util.Comparator.comparing(JobFunction::code));
        List<Decision> decisions = rules.decide(ruleFacts);
        ReadinessDecision verdict = decisions.stream().filter(ReadinessDecision.class::isInstance).map(ReadinessDecision.class::cast)
                .filter(d -> d.kind().startsWith("EFFECTIVITY_")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the rule set decided nothing about readiness (rules/readiness)"));
        return Optional.of(new Answer(documentNumber, version, at, verdict.kind().equals("EFFECTIVITY_ALLOWED"), verdict.reasons(),
                functions, verdict.ruleName(), rules.version(), decisions));
    }
}
