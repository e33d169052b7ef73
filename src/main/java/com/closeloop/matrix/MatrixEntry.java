package com.closeloop.matrix;

import com.closeloop.audit.AuditedRecord;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Document ↔ job function in the training matrix, in force from {@code addedAt} until {@code removedAt}
 * (event times). A change ends the entry and starts a new one, so the matrix at any past instant is known.
 */
@Entity
@Table(name = "matrix_entry")
class MatrixEntry implements AuditedRecord {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "entry_id")
    private Long id;

    @Column(name = "document_number", nullable = false)
    private String documentNumber;

    @Column(name = "job_function_code", nullable = false)
    private String jobFunctionCode;

    @Column(name = "training_method", nullable = false)
    private String trainingMethod;

    @Column(name = "retrain_every_months")
    private Integer retrainEveryMonths;

    @Column(name = "added_at", nullable = false)
    private Instant addedAt;

    @Column(name = "removed_at")
    private Instant removedAt;

    protected MatrixEntry() {
    }

    MatrixEntry(String documentNumber, String jobFunctionCode, String trainingMethod, Integer retrainEveryMonths, Instant addedAt) {
        this.documentNumber = documentNumber;
        this.jobFunctionCode = jobFunctionCode;
        this.trainingMethod = trainingMethod;
        this.retrainEveryMonths = retrainEveryMonths;
        this.addedAt = addedAt;
    }

    boolean sameTerms(String method, Integer interval) {
        return trainingMethod.equals(method) && Objects.equals(retrainEveryMonths, interval);
    }

    void end(Instant at) {
        this.removedAt = at;
    }

    @Override
    public String auditEntity() {
        return "matrix-entry";
    }

    @Override
    public String auditId() {
        return documentNumber + "/" + jobFunctionCode;
    }
}
