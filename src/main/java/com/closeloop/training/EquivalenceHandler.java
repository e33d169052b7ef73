package com.closeloop.training;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.closeloop.JdbcValues;
import com.closeloop.audit.AuditTrail;
import com.closeloop.facts.PlantFacts;
import com.closeloop.facts.VersionInfo;
import com.closeloop.ingest.DataReader;
import com.closeloop.ingest.EventContext;
import com.closeloop.ingest.EventHandler;
import com.closeloop.ingest.FieldError;
import com.closeloop.ingest.InvalidEventException;
import com.closeloop.rules.DecisionRecord;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code closeloop.training.equivalence.upserted} (SPEC §2b.11): QA declares that completing one document version (the
 * course) satisfies others. The declaration is data; the evidence rules apply it when the course is completed (a counting
 * completion made at or after the target was declared counts as a completion of the target, see {@link CompletionHandler}).
 * An upsert replaces the targets: a target kept keeps its declaration time, a new one counts from this event's time.
 */
@Component
class EquivalenceHandler implements EventHandler<EquivalenceHandler.Equivalence> {

    record Target(String documentNumber, String version) {
    }

    record Equivalence(String equivalenceId, String documentNumber, String version, List<Target> satisfies, String approvedBy) {
    }

    private final PlantFacts facts;
    private final JdbcTemplate jdbc;
    private final AuditTrail audit;

    EquivalenceHandler(PlantFacts facts, JdbcTemplate jdbc, AuditTrail audit) {
        this.facts = facts;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    public String type() {
        return "closeloop.training.equivalence.upserted";
    }

    @Override
    public Equivalence read(DataReader data) {
        return new Equivalence(data.code("equivalenceId", true), data.code("documentNumber", true), data.text("version", true, 32),
                data.objects("satisfies", true, t -> new Target(t.code("documentNumber", true), t.text("version", true, 32))),
                data.text("approvedBy", true, 200));
    }

    @Override
    public List<DecisionRecord> apply(EventContext context, Equivalence equivalence) {
        List<VersionInfo> course = facts.versions(equivalence.documentNumber());
        if (course.isEmpty()) {
            throw InvalidEventException.unprocessable("documentNumber", "unknown document '" + equivalence.documentNumber() + "'");
        }
        if (course.stream().noneMatch(v -> v.version().equals(equivalence.version()))) {
            throw InvalidEventException.unprocessable("version", "document " + equivalence.documentNumber() + " has no approved version '"
                    + equivalence.version() + "'");
        }
        if (equivalence.satisfies().isEmpty()) {
            throw InvalidEventException.unprocessable("satisfies", "names no document version");
        }
        List<FieldError> errors = new ArrayList<>();
        Set<Target> targets = new LinkedHashSet<>();
        for (int i = 0; i < equivalence.satisfies().size(); i++) {
            Target t = equivalence.satisfies().get(i);
            String at = "satisfies[" + i + "]";
            if (t.documentNumber().equals(equivalence.documentNumber())) {
                errors.add(new FieldError(at + ".documentNumber", "is the course itself; a version cannot be equivalent to its own document"));
                continue;
            }
            List<VersionInfo> versions = facts.versions(t.documentNumber());
            if (versions.isEmpty()) {
                errors.add(new FieldError(at + ".documentNumber", "unknown document '" + t.documentNumber() + "'"));
            } else if (versions.stream().noneMatch(v -> v.version().equals(t.version()))) {
                errors.add(new FieldError(at + ".version", "document " + t.documentNumber() + " has no approved version '" + t.version() + "'"));
            } else if (!targets.add(t)) {
                errors.add(new FieldError(at, "names " + t.documentNumber() + " version " + t.version() + " twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidEventException(errors, true);
        }
        var now = JdbcValues.utc(context.eventTime());
        List<Map<String, Object>> existing = jdbc.queryForList("select document_number, version from training_equivalence"
                + " where equivalence_id = ? for update", equivalence.equivalenceId());
        Set<Target> before = new TreeSet<>(java.util.Comparator.comparing(Target::documentNumber).thenComparing(Target::version));
        boolean sameCourse = !existing.isEmpty() && equivalence.documentNumber().equals(existing.get(0).get("document_number"))
                && equivalence.version().equals(existing.get(0).get("version"));
        if (existing.isEmpty()) {
            jdbc.update("insert into training_equivalence (equivalence_id, document_number, version, approved_by, declared_at, updated_at,"
                    + " source_event_id, source_event_source) values (?, ?, ?, ?, ?, ?, ?, ?)", equivalence.equivalenceId(),
                    equivalence.documentNumber(), equivalence.version(), equivalence.approvedBy(), now, now, context.id(), context.source());
        } else {
            jdbc.query("select document_number, version from training_equivalence_target where equivalence_id = ?",
                    rs -> {
                        before.add(new Target(rs.getString(1), rs.getString(2)));
                    }, equivalence.equivalenceId());
            jdbc.update("update training_equivalence set document_number = ?, version = ?, approved_by = ?, updated_at = ?,"
                    + " source_event_id = ?, source_event_source = ? where equivalence_id = ?", equivalence.documentNumber(),
                    equivalence.version(), equivalence.approvedBy(), now, context.id(), context.source(), equivalence.equivalenceId());
        }
        // a kept target keeps its declaration time; with another course every target counts from now
        for (Target t : before) {
            if (!sameCourse || !targets.contains(t)) {
                jdbc.update("delete from training_equivalence_target where equivalence_id = ? and document_number = ? and version = ?",
                        equivalence.equivalenceId(), t.documentNumber(), t.version());
            }
        }
        for (Target t : targets) {
            if (!sameCourse || !before.contains(t)) {
                jdbc.update("insert into training_equivalence_target (equivalence_id, document_number, version, added_at)"
                        + " values (?, ?, ?, ?)", equivalence.equivalenceId(), t.documentNumber(), t.version(), now);
            }
        }
        audit.record("equivalence", equivalence.equivalenceId(), existing.isEmpty() ? "DECLARED" : "UPDATED",
                existing.isEmpty() ? null : AuditTrail.values("documentNumber", existing.get(0).get("document_number"), "version",
                        existing.get(0).get("version"), "satisfies", describe(before)),
                AuditTrail.values("documentNumber", equivalence.documentNumber(), "version", equivalence.version(), "satisfies",
                        describe(targets), "approvedBy", equivalence.approvedBy(), "at", context.eventTime()));
        return List.of();
    }

    private static String describe(Set<Target> targets) {
        return String.join(", ", targets.stream().map(t -> t.documentNumber() + " " + t.version()).toList());
    }

    /** A target version a course completion satisfies, as read at completion time. */
    record SatisfiedVersion(String equivalenceId, String documentNumber, String version, int seq, String category) {
    }

    /** The versions a completion of the course at {@code completedAt} satisfies (targets declared by then). */
    static List<SatisfiedVersion> satisfiedBy(JdbcTemplate jdbc, String documentNumber, String version, Instant completedAt) {
        return jdbc.query("select t.equivalence_id, t.document_number, t.version, v.seq, v.category from training_equivalence e"
                + " join training_equivalence_target t on t.equivalence_id = e.equivalence_id"
                + " join document_version v on v.document_number = t.document_number and v.version = t.version"
                + " where e.document_number = ? and e.version = ? and t.added_at <= ? order by t.document_number, v.seq, t.equivalence_id",
                (rs, i) -> new SatisfiedVersion(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5)),
                documentNumber, version, JdbcValues.utc(completedAt));
    }
}
