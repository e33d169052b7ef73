package com.closeloop.personnel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.closeloop.facts.PlantFacts;
import com.closeloop.facts.VersionInfo;
import com.closeloop.ingest.DataReader;
import com.closeloop.ingest.EventContext;
import com.closeloop.ingest.EventHandler;
import com.closeloop.ingest.FieldError;
import com.closeloop.ingest.InvalidEventException;
import com.closeloop.rules.DecisionRecord;
import com.closeloop.rules.facts.EmployeeTerminated;
import com.closeloop.rules.facts.HoldingsChanged;
import com.closeloop.rules.facts.MatrixMapping;
import com.closeloop.rules.facts.OnboardingTarget;
import com.closeloop.rules.facts.OpenAssignment;
import com.closeloop.training.TrainingDecisions;

import org.springframework.stereotype.Component;

/**
 * {@code closeloop.personnel.upserted}: HR's full record of one employee. The rules assign onboarding
 * training for job functions gained, and cancel open assignments on termination or when the last job
 * function mapped to a document is lost.
 */
@Component
class PersonnelUpsertHandler implements EventHandler<PersonnelRecord> {

    private final Employees employees;
    private final PlantFacts facts;
    private final TrainingDecisions training;

    PersonnelUpsertHandler(Employees employees, PlantFacts facts, TrainingDecisions training) {
        this.employees = employees;
        this.facts = facts;
        this.training = training;
    }

    @Override
    public String type() {
        return "closeloop.personnel.upserted";
    }

    @Override
    public PersonnelRecord read(DataReader data) {
        String employeeId = data.code("employeeId", true);
        String name = data.text("name", true, 200);
        String email = data.text("email", false, 320);
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
            data.reject("email", "must be an e-mail address");
        }
        String supervisorId = data.code("supervisorId", false);
        if (supervisorId != null && supervisorId.equals(employeeId)) {
            data.reject("supervisorId", "an employee cannot be their own supervisor");
        }
        EmploymentStatus status = data.enumValue("status", true, EmploymentStatus.class);
        List<HoldingSpec> holdings = data.objects("jobFunctions", true, item -> {
            String code = item.code("code", true);
            LocalDate from = item.date("from", true);
            LocalDate to = item.date("to", false);
            if (from != null && to != null && to.isBefore(from)) {
                item.reject("to", "must not be before from (" + from + ")");
            }
            return new HoldingSpec(code, from, to);
        });
        if (holdings != null) {
            checkOverlaps(holdings, data);
        }
        return new PersonnelRecord(employeeId, name, email == null ? null : email.toLowerCase(Locale.ROOT), supervisorId, status,
                holdings);
    }

    private static void checkOverlaps(List<HoldingSpec> holdings, DataReader data) {
        for (int i = 0; i < holdings.size(); i++) {
            for (int j = 0; j < i; j++) {
                HoldingSpec a = holdings.get(i);
                HoldingSpec b = holdings.get(j);
                if (a.code() != null && a.code().equals(b.code()) && a.from() != null && b.from() != null && overlap(a, b)) {
                    data.reject("jobFunctions[" + i + "]", "overlaps jobFunctions[" + j + "] for the same code " + a.code());
                }
            }
        }
    }

    private static boolean overlap(HoldingSpec a, HoldingSpec b) {
        return (a.to() == null || !a.to().isBefore(b.from())) && (b.to() == null || !b.to().isBefore(a.from()));
    }

    @Override
    public List<DecisionRecord> apply(EventContext context, PersonnelRecord record) {
        List<String> codes = record.jobFunctions().stream().map(HoldingSpec::code).toList();
        List<FieldError> unknown = FieldError.unknown("jobFunctions", ".code", codes, facts.existingJobFunctions(codes), "job function");
        if (!unknown.isEmpty()) {
            throw new InvalidEventException(unknown, true);
        }

        Employee employee = employees.lockById(record.employeeId())
                .orElseGet(() -> Employee.newcomer(record.employeeId(), context.receivedAt()));
        PersonnelChange change = employee.update(record, context.eventDate(), context.eventTime(), context.receivedAt());
        employees.saveAndFlush(employee);

        List<OpenAssignment> open = facts.openAssignmentsOf(record.employeeId());
        List<Object> ruleFacts = new ArrayList<>(open);
        if (change.terminated()) {
            ruleFacts.add(new EmployeeTerminated(record.employeeId()));
        } else if (record.status() == EmploymentStatus.ACTIVE) {
            ruleFacts.add(new HoldingsChanged(record.employeeId()));
            ruleFacts.addAll(facts.holdingsOf(record.employeeId(), context.eventDate()));
            Set<String> documents = new TreeSet<>();
            open.forEach(a -> documents.add(a.documentNumber()));
            ruleFacts.addAll(facts.mappingsOfDocuments(documents));
            ruleFacts.addAll(facts.countingCompletionsOf(record.employeeId()));
            ruleFacts.addAll(onboardingTargets(record.employeeId(), change, context.eventDate()));
        }
        return training.apply(context, context.rules().decide(ruleFacts));
    }

    /** For each job function gained, each document mapped to it with the version to train on (SPEC §4b). */
    private List<OnboardingTarget> onboardingTargets(String employeeId, PersonnelChange change, LocalDate eventDate) {
        if (change.gained().isEmpty()) {
            return List.of();
        }
        Map<String, HoldingSpec> gainedByCode = new HashMap<>();
        change.gained().forEach(h -> gainedByCode.put(h.code(), h));
        Map<String, List<VersionInfo>> versionsByDocument = new HashMap<>();
        List<OnboardingTarget> targets = new ArrayList<>();
        for (MatrixMapping mapping : facts.mappingsOfFunctions(gainedByCode.keySet())) {
            HoldingSpec holding = gainedByCode.get(mapping.jobFunctionCode());
            LocalDate on = holding.from().isAfter(eventDate) ? holding.from() : eventDate;
            List<VersionInfo> versions = versionsByDocument.computeIfAbsent(mapping.documentNumber(), facts::versions);
            VersionInfo.toTrainOn(versions, on).ifPresent(v -> targets.add(new OnboardingTarget(employeeId, mapping.jobFunctionCode(),
                    holding.from(), change.newHire(), v.documentNumber(), v.category(), v.version(), v.seq(), v.effectiveDate())));
        }
        return targets;
    }
}
