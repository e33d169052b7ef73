package com.closeloop.rules.decisions;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules' answer to an extension request: {@code EXTENSION_ALLOWED} (the due date moves to {@code newDueDate}) or
 * {@code EXTENSION_REFUSED} with the violated limits ({@code limits} codes, {@code reasons} for people).
 */
public record ExtensionDecision(String assignmentId, String employeeId, String documentNumber, String version, boolean allowed,
        LocalDate previousDueDate, LocalDate newDueDate, List<String> limits, List<String> reasons, String ruleName) implements Decision {

    @Override
    public String kind() {
        return allowed ? "EXTENSION_ALLOWED" : "EXTENSION_REFUSED";
    }

    @Override
    public LocalDate dueDate() {
        return allowed ? newDueDate : previousDueDate;
    }

    @Override
    public String detail() {
        return reasons.isEmpty() ? null : String.join("\n", reasons);
    }

    @Override
    public Map<String, Object> attributes() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("previousDueDate", previousDueDate.toString());
        values.put("requestedDueDate", newDueDate.toString());
        if (!allowed) {
            values.put("limit", limits.get(0));
            values.put("limits", limits);
        }
        return values;
    }
}
