package com.closeloop.reports;

import java.util.Locale;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** Renders the traceability report as a printable HTML page (templates/reports/traceability.html). */
@Component
class TraceabilityPage {

    private final ITemplateEngine templates;

    TraceabilityPage(ITemplateEngine templates) {
        this.templates = templates;
    }

    String render(TraceabilityReport.Report report) {
        Context context = new Context(Locale.ROOT);
        context.setVariable("report", report);
        return templates.process("reports/traceability", context);
    }
}
