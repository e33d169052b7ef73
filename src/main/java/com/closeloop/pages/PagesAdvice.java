package com.closeloop.pages;

import com.closeloop.security.Caller;
import com.closeloop.security.Role;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page knows about who is signed in (the navigation shows only what their roles may open). */
@ControllerAdvice(assignableTypes = { PagesController.class, RulesPage.class })
class PagesAdvice {

    @ModelAttribute("signedIn")
    String signedIn(Authentication caller) {
        return caller == null ? null : caller.getName();
    }

    @ModelAttribute("oversees")
    boolean oversees(Authentication caller) {
        return caller != null && (Caller.has(caller, Role.AUDITOR) || Caller.has(caller, Role.QA) || Caller.has(caller, Role.COMPLIANCE_LEAD));
    }
}
