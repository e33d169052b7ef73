package com.closeloop.rules.decisions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;


/** Whether a CAPA may close; when refused, every unmet reason, one per action and kind of gap, naming the employees. */
public record ClosureDecision(String capaId, boolean allowed, List<String> reasons, String ruleName) implements Decision {

    public static ClosureDecision allowed(String capaId, String ruleName) {
        return new ClosureDecision(capaId, true, List.of(), ruleName);
    }

    public static ClosureDecision refused(String capaId, List<?> gaps, String ruleName) {
        Map<String, TreeSet<String>> employeesByReason = new TreeMap<>();
        for (Object o : gaps) {
            ClosureGap gap = (ClosureGap) o;
            employeesByReason.computeIfAbsent("action " + gap.actionId() + ": " + gap.detail(), k -> new TreeSet<>()).add(gap.employeeId());
        }
        List<String> reasons = new ArrayList<>();
        employeesByReason.forEach((reason, employees) -> reasons.add(reason + " — " + String.join(", ", employees)));
        return new ClosureDecision(capaId, false, List.copyOf(reasons), ruleName);
    }

    @Override
    public String kind() {
        return allowed ? "CLOSURE_ALLOWED" : "CLOSURE_REFUSED";
    }

    @Override
    public String detail() {
        return allowed ? "every training action has its evidence" : String.join("\n", reasons);
    }
}
