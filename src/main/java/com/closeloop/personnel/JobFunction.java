package com.closeloop.personnel;

import com.closeloop.audit.AuditedRecord;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A role in the training matrix, by code (e.g. {@code MFG-CLEAN-OP}). */
@Entity
@Table(name = "job_function")
public class JobFunction implements AuditedRecord {

    @Id
    private String code;

    @Column(nullable = false)
    private String name;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected JobFunction() {
    }

    public JobFunction(String code, String name, Instant at) {
        this.code = code;
        this.name = name;
        this.createdAt = at;
        this.updatedAt = at;
    }

    /** Renames the job function; returns whether anything changed. */
    public boolean rename(String newName, Instant at) {
        if (name.equals(newName)) {
            return false;
        }
        this.name = newName;
        this.updatedAt = at;
        return true;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    @Override
    public String auditEntity() {
        return "job-function";
    }

    @Override
    public String auditId() {
        return code;
    }
}
