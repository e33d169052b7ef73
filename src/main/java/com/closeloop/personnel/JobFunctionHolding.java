package com.closeloop.personnel;

import com.closeloop.audit.AuditedRecord;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * An employee held a job function over a date range. Rows are never deleted: a holding HR no longer
 * sends is retracted ({@code retractedAt}), so the record of what was known stays complete.
 */
@Entity
@Table(name = "job_function_holding")
class JobFunctionHolding implements AuditedRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "holding_id")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "employee_id")
    private Employee employee;

    @Column(name = "job_function_code", nullable = false)
    private String jobFunctionCode;

    @Column(name = "valid_from", nullable = false)
    private LocalDate validFrom;

    @Column(name = "valid_to")
    private LocalDate validTo;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    @Column(name = "retracted_at")
    private Instant retractedAt;

    protected JobFunctionHolding() {
    }

    JobFunctionHolding(Employee employee, HoldingSpec spec, Instant recordedAt) {
        this.employee = employee;
        this.jobFunctionCode = spec.code();
        this.validFrom = spec.from();
        this.validTo = spec.to();
        this.recordedAt = recordedAt;
    }

    boolean current() {
        return retractedAt == null;
    }

    void retract(Instant at) {
        this.retractedAt = at;
    }

    HoldingSpec spec() {
        return new HoldingSpec(jobFunctionCode, validFrom, validTo);
    }

    @Override
    public String auditEntity() {
        return "employee";
    }

    @Override
    public String auditId() {
        return employee.employeeId();
    }

    @Override
    public String auditAction(boolean created) {
        return created ? "HOLDING_ADDED" : "HOLDING_CHANGED";
    }
}
