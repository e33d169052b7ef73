package com.closeloop.documents;

import com.closeloop.audit.AuditedRecord;
import java.time.Instant;
import java.util.List;

import com.closeloop.facts.VersionInfo;
import com.closeloop.ingest.InvalidEventException;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An SOP, work instruction, policy or method, by number, with its current title and category. */
@Entity
@Table(name = "controlled_document")
public class ControlledDocument implements AuditedRecord {

    @Id
    @Column(name = "document_number")
    private String documentNumber;

    @Column(nullable = false)
    private String title;

    @Column(nullable = false)
    private String category;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ControlledDocument() {
    }

    ControlledDocument(String documentNumber, String title, String category, Instant at) {
        this.documentNumber = documentNumber;
        this.title = title;
        this.category = category;
        this.createdAt = at;
        this.updatedAt = at;
    }

    /**
     * Checks that a new version may follow the approved ones: its label is new and it does not take effect
     * before the latest approved version (so "the version effective at T" stays unambiguous). Title and
     * category follow the newest approval.
     *
     * @return the sequence number of the new version (1 for the first)
     */
    int admit(VersionApproval approval, List<VersionInfo> approved, Instant at) {
        for (VersionInfo existing : approved) {
            if (existing.version().equals(approval.version())) {
                throw InvalidEventException.unprocessable("version", "version '" + approval.version() + "' of " + documentNumber
                        + " is already approved");
            }
        }
        if (!approved.isEmpty()) {
            VersionInfo latest = approved.get(approved.size() - 1);
            if (approval.effectiveDate().isBefore(latest.effectiveDate())) {
                throw InvalidEventException.unprocessable("effectiveDate", "is before the effective date " + latest.effectiveDate()
                        + " of the latest approved version " + latest.version() + " of " + documentNumber);
            }
        }
        this.title = approval.title();
        this.category = approval.category();
        this.updatedAt = at;
        return approved.size() + 1;
    }

    public String documentNumber() {
        return documentNumber;
    }

    public String category() {
        return category;
    }

    @Override
    public String auditEntity() {
        return "document";
    }

    @Override
    public String auditId() {
        return documentNumber;
    }
}
