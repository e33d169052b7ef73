package com.closeloop.training;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.closeloop.JdbcValues;
import com.closeloop.audit.AuditTrail;
import com.closeloop.facts.PlantFacts;
import com.closeloop.facts.VersionInfo;
import com.closeloop.ingest.DataReader;
import com.closeloop.ingest.EventContext;
import com.closeloop.ingest.EventHandler;
import com.closeloop.ingest.InvalidEventException;
import com.closeloop.rules.DecisionRecord;
import com.closeloop.rules.decisions.Decision;
import com.closeloop.rules.facts.ExemptionEnded;
import com.closeloop.rules.facts.ExemptionGranted;
import com.closeloop.rules.facts.VersionToTrain;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code closeloop.training.exemption.granted} and {@code .revoked} (SPEC §2b.11, §4a "Exemption"). The grant is checked
 * (no self-approval, known employee, document and version) and stored; the rules exempt the open assignment. A revocation
 * ends it at the event's time; the rules then require the training again (rules/exemptions).
 */
final class ExemptionHandlers {

    private ExemptionHandlers() {
    }

    record Grant(String exemptionId, String employeeId, String documentNumber, String version, String reason, String approvedBy,
            LocalDate validUntil, String evidenceRef) {
    }

    record Revocation(String exemptionId, String reason, String revokedBy) {
    }

    @Component
    static class Granted implements EventHandler<Grant> {

        private final PlantFacts facts;
        private final Exemptions exemptions;
        private final TrainingDecisions training;
        private final JdbcTemplate jdbc;
        private final AuditTrail audit;

        Granted(PlantFacts facts, Exemptions exemptions, TrainingDecisions training, JdbcTemplate jdbc, AuditTrail audit) {
            this.facts = facts;
            this.exemptions = exemptions;
            this.training = training;
            this.jdbc = jdbc;
            this.audit = audit;
        }

        @Override
        public String type() {
            return "closeloop.training.exemption.granted";
        }

        @Override
        public Grant read(DataReader data) {
            return new Grant(data.code("exemptionId", true), data.code("employeeId", true), data.code("documentNumber", true),
                    data.text("version", false, 32), data.text("reason", true, 1000), data.text("approvedBy", true, 200),
                    data.date("validUntil", true), data.text("evidenceRef", false, 500));
        }

        @Override
        public List<DecisionRecord> apply(EventContext context, Grant grant) {
            if (!facts.employeeExists(grant.employeeId())) {
                throw InvalidEventException.unprocessable("employeeId", "unknown employee '" + grant.employeeId() + "'");
            }
            if (selfApproved(grant)) {
                throw InvalidEventException.unprocessable("approvedBy", "'" + grant.approvedBy() + "' is the exempted employee "
                        + grant.employeeId() + "; an exemption must be approved by someone else (QA)");
            }
            List<VersionInfo> versions = facts.versions(grant.documentNumber());
            if (versions.isEmpty()) {
                throw InvalidEventException.unprocessable("documentNumber", "unknown document '" + grant.documentNumber() + "'");
            }
            if (grant.version() != null && versions.stream().noneMatch(v -> v.version().equals(grant.version()))) {
                throw InvalidEventException.unprocessable("version", "document " + grant.documentNumber() + " has no approved version '"
                        + grant.version() + "'");
            }
            if (grant.validUntil().isBefore(context.eventDate())) {
                throw InvalidEventException.unprocessable("validUntil", "is before the grant's date " + context.eventDate());
            }
            if (exemptions.lock(grant.exemptionId()).isPresent()) {
                throw InvalidEventException.unprocessable("exemptionId", "exemption '" + grant.exemptionId() + "' was already granted;"
                        + " revoke it and grant a new one to change it");
            }
            jdbc.update("insert into training_exemption (exemption_id, employee_id, document_number, version, reason, approved_by,"
                    + " valid_until, evidence_ref, granted_at, rule_set_version, source_event_id, source_event_source, recorded_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", grant.exemptionId(), grant.employeeId(), grant.documentNumber(),
                    grant.version(), grant.reason(), grant.approvedBy(), JdbcValues.date(grant.validUntil()), grant.evidenceRef(),
                    JdbcValues.utc(context.eventTime()), context.rules().version(), context.id(), context.source(),
                    JdbcValues.utc(context.receivedAt()));
            audit.record("exemption", grant.exemptionId(), "GRANTED", null, AuditTrail.values("employeeId", grant.employeeId(),
                    "documentNumber", grant.documentNumber(), "version", grant.version(), "reason", grant.reason(), "approvedBy",
                    grant.approvedBy(), "validUntil", grant.validUntil(), "evidenceRef", grant.evidenceRef(), "grantedAt",
                    context.eventTime()));
            List<Object> ruleFacts = new ArrayList<>();
            ruleFacts.add(new ExemptionGranted(grant.exemptionId(), grant.employeeId(), grant.documentNumber(), grant.version(),
                    grant.validUntil()));
            facts.openAssignmentsOf(grant.employeeId()).stream().filter(a -> a.documentNumber().equals(grant.documentNumber()))
                    .forEach(ruleFacts::add);
            return training.apply(context, context.rules().decide(ruleFacts));
        }

        /** The approver is the employee: their id, e-mail or user name (case-insensitive). */
        private boolean selfApproved(Grant grant) {
            String approver = grant.approvedBy().trim().toLowerCase(Locale.ROOT);
            List<String> names = new ArrayList<>(jdbc.queryForList("select lower(employee_id) from employee where employee_id = ?"
                    + " union all select lower(email) from employee where employee_id = ? and email is not null"
                    + " union all select lower(username) from app_user where employee_id = ?"
                    + " union all select lower(email) from app_user where employee_id = ? and email is not null", String.class,
                    grant.employeeId(), grant.employeeId(), grant.employeeId(), grant.employeeId()));
            return names.contains(approver);
        }
    }

    @Component
    static class Revoked implements EventHandler<Revocation> {

        private final Exemptions exemptions;
        private final Ended ended;
        private final JdbcTemplate jdbc;
        private final AuditTrail audit;

        Revoked(Exemptions exemptions, Ended ended, JdbcTemplate jdbc, AuditTrail audit) {
            this.exemptions = exemptions;
            this.ended = ended;
            this.jdbc = jdbc;
            this.audit = audit;
        }

        @Override
        public String type() {
            return "closeloop.training.exemption.revoked";
        }

        @Override
        public Revocation read(DataReader data) {
            return new Revocation(data.code("exemptionId", true), data.text("reason", true, 1000), data.text("revokedBy", true, 200));
        }

        @Override
        public List<DecisionRecord> apply(EventContext context, Revocation revocation) {
            Exemptions.Exemption exemption = exemptions.lock(revocation.exemptionId()).orElseThrow(() -> InvalidEventException
                    .unprocessable("exemptionId", "unknown exemption '" + revocation.exemptionId() + "'"));
            if (exemption.revokedAt() != null) {
                throw InvalidEventException.unprocessable("exemptionId", "exemption '" + revocation.exemptionId() + "' was already revoked"
                        + " at " + exemption.revokedAt());
            }
            if (context.eventTime().isBefore(exemption.grantedAt())) {
                throw InvalidEventException.unprocessable("exemptionId", "the revocation's time is before the grant ("
                        + exemption.grantedAt() + ")");
            }
            jdbc.update("update training_exemption set revoked_at = ?, revoked_by = ?, revoke_reason = ? where exemption_id = ?",
                    JdbcValues.utc(context.eventTime()), revocation.revokedBy(), revocation.reason(), revocation.exemptionId());
            audit.record("exemption", revocation.exemptionId(), "REVOKED", AuditTrail.values("revokedAt", null),
                    AuditTrail.values("revokedAt", context.eventTime(), "revokedBy", revocation.revokedBy(), "revokeReason",
                            revocation.reason()));
            if (exemption.validUntil().isBefore(context.eventDate())) {
                return List.of(); // it had already ended; the tick after validUntil applied its end
            }
            return ended.apply(context, List.of(exemption), context.eventDate(), true);
        }
    }

    /** What the rules decide when exemptions end: the facts they need, asked once for all of them. */
    @Component
    static class Ended {

        private final PlantFacts facts;
        private final Exemptions exemptions;
        private final TrainingDecisions training;

        Ended(PlantFacts facts, Exemptions exemptions, TrainingDecisions training) {
            this.facts = facts;
            this.exemptions = exemptions;
            this.training = training;
        }

        /** Facts for the end of each exemption on {@code endDate} (its validUntil, or the revocation's date), judged at the event. */
        List<Object> factsFor(EventContext context, List<Exemptions.Exemption> ended, LocalDate endDate, boolean revoked) {
            List<Object> ruleFacts = new ArrayList<>();
            java.util.Set<String> documents = new java.util.TreeSet<>();
            for (Exemptions.Exemption x : ended) {
                List<VersionInfo> versions = facts.versions(x.documentNumber());
                LocalDate nextDay = endDate.plusDays(1);
                int requiredSeq = VersionInfo.requiredOn(versions, revoked ? endDate : nextDay).map(VersionInfo::seq).orElse(1);
                String category = versions.isEmpty() ? null : versions.get(versions.size() - 1).category();
                ruleFacts.add(new ExemptionEnded(x.exemptionId(), x.employeeId(), x.documentNumber(), category, endDate, requiredSeq,
                        revoked));
                ruleFacts.addAll(facts.holdingsOf(x.employeeId(), context.eventDate()));
                facts.countingCompletionsOf(x.employeeId()).stream().filter(c -> c.documentNumber().equals(x.documentNumber()))
                        .forEach(ruleFacts::add);
                facts.openAssignmentsOf(x.employeeId()).stream().filter(a -> a.documentNumber().equals(x.documentNumber()))
                        .forEach(ruleFacts::add);
                if (documents.add(x.documentNumber())) {
                    ruleFacts.addAll(facts.mappingsOfDocument(x.documentNumber()));
                    VersionInfo.toTrainOn(versions, context.eventDate()).ifPresent(v -> ruleFacts.add(new VersionToTrain(
                            x.documentNumber(), v.category(), v.version(), v.seq(), v.effectiveDate())));
                }
            }
            // another exemption of the same employee for the document may still be in force
            List<String> endedIds = ended.stream().map(Exemptions.Exemption::exemptionId).toList();
            exemptions.inForce(documents, context.eventTime(), context.eventDate()).stream()
                    .filter(f -> !endedIds.contains(f.exemptionId())).forEach(ruleFacts::add);
            return ruleFacts;
        }

        List<DecisionRecord> apply(EventContext context, List<Exemptions.Exemption> ended, LocalDate endDate, boolean revoked) {
            List<Decision> decided = context.rules().decide(factsFor(context, ended, endDate, revoked));
            return training.apply(context, decided);
        }
    }

}
