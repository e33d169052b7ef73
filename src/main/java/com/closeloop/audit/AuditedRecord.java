package com.closeloop.audit;

/**
 * A JPA entity whose inserts and updates are written to the audit trail automatically (by
 * {@link HibernateAuditListener}), under the entity name of SPEC §4b and the record's business id.
 */
public interface AuditedRecord {

    /** Entity name in {@code GET /api/audit?entity=}: kebab-case singular noun, e.g. {@code employee}. */
    String auditEntity();

    /** The business id the audit entry is filed under. */
    String auditId();

    /** Action name for an insert ({@code created}) or an update. */
    default String auditAction(boolean created) {
        return created ? "CREATED" : "UPDATED";
    }
}
