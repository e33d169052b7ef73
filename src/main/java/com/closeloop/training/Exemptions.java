package com.closeloop.training;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import com.closeloop.JdbcValues;
import com.closeloop.rules.facts.ExemptionInForce;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Training exemptions (SPEC §2b.11): in force from the grant's event time through {@code validUntil} (plant date, inclusive)
 * or until the revocation's event time.
 */
@Component
public class Exemptions {

    /** A stored exemption. */
    public record Exemption(String exemptionId, String employeeId, String documentNumber, String version, String reason,
            String approvedBy, LocalDate validUntil, String evidenceRef, Instant grantedAt, Instant revokedAt, String revokedBy,
            String revokeReason) {
    }

    private static final RowMapper<Exemption> ROW = (rs, i) -> new Exemption(rs.getString("exemption_id"), rs.getString("employee_id"),
            rs.getString("document_number"), rs.getString("version"), rs.getString("reason"), rs.getString("approved_by"),
            JdbcValues.localDate(rs, "valid_until"), rs.getString("evidence_ref"), JdbcValues.instant(rs, "granted_at"),
            JdbcValues.instant(rs, "revoked_at"), rs.getString("revoked_by"), rs.getString("revoke_reason"));

    private static final String IN_FORCE = " granted_at <= ? and valid_until >= ? and (revoked_at is null or revoked_at > ?)";

    private final JdbcTemplate jdbc;

    Exemptions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Exemption> find(String exemptionId) {
        return jdbc.query("select * from training_exemption where exemption_id = ?", ROW, exemptionId).stream().findFirst();
    }

    /** Locks the exemption's row until the transaction ends (grant and revocation of one exemption apply one after another). */
    Optional<Exemption> lock(String exemptionId) {
        return jdbc.query("select * from training_exemption where exemption_id = ? for update", ROW, exemptionId).stream().findFirst();
    }

    /** Every exemption of an employee, newest grant first. */
    public List<Exemption> ofEmployee(String employeeId) {
        return jdbc.query("select * from training_exemption where employee_id = ? order by granted_at desc, exemption_id", ROW,
                employeeId);
    }

    /** Exemptions in force at T for any of the documents (set-based; exemptions are few, employees are filtered by the rules). */
    List<ExemptionInForce> inForce(Collection<String> documentNumbers, Instant at, LocalDate day) {
        if (documentNumbers.isEmpty()) {
            return List.of();
        }
        var t = JdbcValues.utc(at);
        List<Object> args = new java.util.ArrayList<>(documentNumbers);
        args.add(t);
        args.add(JdbcValues.date(day));
        args.add(t);
        return jdbc.query("select exemption_id, employee_id, document_number, version, valid_until from training_exemption"
                + " where document_number in (" + String.join(", ", java.util.Collections.nCopies(documentNumbers.size(), "?")) + ") and"
                + IN_FORCE + " order by exemption_id", (rs, i) -> new ExemptionInForce(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), JdbcValues.localDate(rs, "valid_until")), args.toArray());
    }

    /** The exemption in force at T for the employee and document (any version, or {@code version}), the longest-lasting first. */
    Optional<Exemption> inForceFor(String employeeId, String documentNumber, String version, Instant at, LocalDate day) {
        var t = JdbcValues.utc(at);
        return jdbc.query("select * from training_exemption where employee_id = ? and document_number = ?"
                + " and (version is null or version = ?) and" + IN_FORCE + " order by valid_until desc, exemption_id", ROW, employeeId,
                documentNumber, version, t, JdbcValues.date(day), t).stream().findFirst();
    }

    /** Exemptions whose validity ended with {@code lastDay} and that were not revoked before T (the next day's tick). */
    List<Exemption> endedWith(LocalDate lastDay, Instant at) {
        return jdbc.query("select * from training_exemption where valid_until = ? and granted_at <= ?"
                + " and (revoked_at is null or revoked_at > ?) order by exemption_id", ROW, JdbcValues.date(lastDay),
                JdbcValues.utc(at), JdbcValues.utc(at));
    }
}
