package com.closeloop.pages;

import java.security.Principal;

import com.closeloop.ingest.EventGateway;
import com.closeloop.rules.RuleEngine;
import com.closeloop.rules.RulesController;
import com.closeloop.security.Caller;
import com.closeloop.security.Role;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The rule-set page for compliance leads: version, files, last reload and its errors, reload, and the preview form. */
@Controller
class RulesPage {

    static final String SAMPLE = """
            {
              "specversion": "1.0", "id": "preview-1", "source": "urn:closeloop:web", "type": "closeloop.document.version.approved",
              "data": {"documentNumber": "SOP-CL-001", "title": "Cleaning of filling line 3", "category": "CRITICAL",
                       "version": "3.0", "changeType": "MAJOR", "effectiveDate": "2027-01-15"}
            }""";

    private final RulesController rules;
    private final RuleEngine engine;
    private final EventGateway gateway;

    RulesPage(RulesController rules, RuleEngine engine, EventGateway gateway) {
        this.rules = rules;
        this.engine = engine;
        this.gateway = gateway;
    }

    @GetMapping("/rules")
    String page(Authentication caller, Model model) {
        return render(caller, model, SAMPLE);
    }

    @PostMapping("/rules/reload")
    String reload(Principal principal, Authentication caller, Model model) {
        model.addAttribute("reload", engine.activate(principal.getName() + " (web)"));
        return render(caller, model, SAMPLE);
    }

    @PostMapping("/rules/preview")
    String preview(@RequestParam String event, Authentication caller, Model model) {
        model.addAttribute("preview", gateway.preview(event, (context, cloudEvent, decisions) -> null));
        return render(caller, model, event);
    }

    private String render(Authentication caller, Model model, String event) {
        model.addAttribute("status", rules.status());
        model.addAttribute("mayReload", Caller.has(caller, Role.COMPLIANCE_LEAD));
        model.addAttribute("mayPreview", Caller.has(caller, Role.COMPLIANCE_LEAD) || Caller.has(caller, Role.QA));
        model.addAttribute("event", event);
        return "pages/rules";
    }
}
