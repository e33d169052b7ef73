package com.closeloop.personnel;

import com.closeloop.audit.AuditedRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

/** A person, by the HR system's id, with effective-dated job-function holdings. */
@Entity
@Table(name = "employee")
public class Employee implements AuditedRecord {

    @Id
    @Column(name = "employee_id")
    private String employeeId;

    @Column(nullable = false)
    private String name;

    private String email;

    @Column(name = "supervisor_id")
    private String supervisorId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private EmploymentStatus status;

    @Column(name = "terminated_at")
    private Instant terminatedAt;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @OneToMany(mappedBy = "employee", cascade = CascadeType.ALL)
    private List<JobFunctionHolding> holdings = new ArrayList<>();

    protected Employee() {
    }

    private Employee(String employeeId, Instant at) {
        this.employeeId = employeeId;
        this.createdAt = at;
        this.status = EmploymentStatus.ACTIVE;
    }

    /** A person the hub has not seen before. */
    static Employee newcomer(String employeeId, Instant at) {
        Employee employee = new Employee(employeeId, at);
        employee.status = null;
        return employee;
    }

    /**
     * Applies HR's current record. Holdings HR no longer sends are retracted, new ones recorded; the change
     * says which job functions were gained (held on or after the event date and not held before) so the
     * rules can assign onboarding training.
     */
    PersonnelChange update(PersonnelRecord record, LocalDate eventDate, Instant eventTime, Instant recordedAt) {
        boolean newHire = status == null;
        Set<String> before = status == EmploymentStatus.ACTIVE ? heldCodes(eventDate) : Set.of();
        boolean wasTerminated = status == EmploymentStatus.TERMINATED;

        name = record.name();
        email = record.email();
        supervisorId = record.supervisorId();
        status = record.status();
        updatedAt = recordedAt;
        if (status == EmploymentStatus.TERMINATED && !wasTerminated) {
            terminatedAt = eventTime;
        } else if (status == EmploymentStatus.ACTIVE) {
            terminatedAt = null;
        }
        replaceHoldings(record.jobFunctions(), recordedAt);

        Set<String> after = status == EmploymentStatus.ACTIVE ? heldCodes(eventDate) : Set.of();
        Map<String, HoldingSpec> gained = new LinkedHashMap<>();
        currentHoldings().stream()
                .filter(h -> h.heldOnOrAfter(eventDate) && after.contains(h.code()) && !before.contains(h.code()))
                .sorted(Comparator.comparing(HoldingSpec::code).thenComparing(HoldingSpec::from))
                .forEach(h -> gained.putIfAbsent(h.code(), h));
        boolean terminatedNow = status == EmploymentStatus.TERMINATED && !wasTerminated && !newHire;
        return new PersonnelChange(newHire, terminatedNow, List.copyOf(gained.values()), after);
    }

    private void replaceHoldings(List<HoldingSpec> wanted, Instant at) {
        List<HoldingSpec> remaining = new ArrayList<>(wanted);
        for (JobFunctionHolding holding : holdings) {
            if (holding.current() && !remaining.remove(holding.spec())) {
                holding.retract(at);
            }
        }
        for (HoldingSpec spec : remaining) {
            holdings.add(new JobFunctionHolding(this, spec, at));
        }
    }

    private List<HoldingSpec> currentHoldings() {
        return holdings.stream().filter(JobFunctionHolding::current).map(JobFunctionHolding::spec).toList();
    }

    private Set<String> heldCodes(LocalDate date) {
        Set<String> codes = new TreeSet<>();
        for (HoldingSpec spec : currentHoldings()) {
            if (spec.heldOnOrAfter(date)) {
                codes.add(spec.code());
            }
        }
        return codes;
    }

    public String employeeId() {
        return employeeId;
    }

    public EmploymentStatus status() {
        return status;
    }

    @Override
    public String auditEntity() {
        return "employee";
    }

    @Override
    public String auditId() {
        return employeeId;
    }
}
