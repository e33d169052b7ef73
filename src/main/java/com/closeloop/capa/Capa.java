package com.closeloop.capa;

import com.closeloop.audit.AuditedRecord;
import java.time.Instant;

import com.closeloop.ingest.InvalidEventException;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A corrective / preventive action record; it closes only when the rules allow it. */
@Entity
@Table(name = "capa")
public class Capa implements AuditedRecord {

    @Id
    @Column(name = "capa_id")
    private String capaId;

    private String title;

    @Column(name = "deviation_id")
    private String deviationId;

    @Column(name = "root_cause_category")
    private String rootCauseCategory;

    @Column(nullable = false)
    private String status;

    @Column(name = "opened_at", nullable = false)
    private Instant openedAt;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Column(name = "closed_by")
    private String closedBy;

    @Column(name = "source_event_id", nullable = false)
    private String sourceEventId;

    @Column(name = "source_event_source", nullable = false)
    private String sourceEventSource;

    protected Capa() {
    }

    Capa(String capaId, String title, String deviationId, String rootCauseCategory, Instant openedAt, String sourceEventId,
            String sourceEventSource) {
        this.capaId = capaId;
        this.title = title;
        this.deviationId = deviationId;
        this.rootCauseCategory = rootCauseCategory;
        this.status = "OPEN";
        this.openedAt = openedAt;
        this.sourceEventId = sourceEventId;
        this.sourceEventSource = sourceEventSource;
    }

    /** Refuses changes to a closed CAPA, naming the field that pointed at it. */
    void requireOpen(String field) {
        if (!"OPEN".equals(status)) {
            throw InvalidEventException.unprocessable(field, "CAPA " + capaId + " is closed (since " + closedAt + " by " + closedBy
                    + ") and takes no further changes");
        }
    }

    void close(String requestedBy, Instant at) {
        requireOpen("capaId");
        this.status = "CLOSED";
        this.closedBy = requestedBy;
        this.closedAt = at;
    }

    public String capaId() {
        return capaId;
    }

    String title() {
        return title;
    }

    String deviationId() {
        return deviationId;
    }

    String rootCauseCategory() {
        return rootCauseCategory;
    }

    String status() {
        return status;
    }

    Instant openedAt() {
        return openedAt;
    }

    Instant closedAt() {
        return closedAt;
    }

    String closedBy() {
        return closedBy;
    }

    @Override
    public String auditEntity() {
        return "capa";
    }

    @Override
    public String auditId() {
        return capaId;
    }
}
