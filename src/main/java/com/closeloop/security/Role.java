package com.closeloop.security;

/** Least-privilege roles (SPEC §4b, issue "security"): what each may do is in {@link SecurityConfig}. */
public enum Role {
    INGEST, OPERATOR, SUPERVISOR, QA, COMPLIANCE_LEAD, AUDITOR, ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
