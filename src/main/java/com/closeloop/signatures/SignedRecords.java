package com.closeloop.signatures;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.closeloop.Hashes;
import com.closeloop.JdbcValues;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The signed content of each record type, read from the database the same way at signing and at verification:
 * a completion (who, what version, when, how, score, verifier, whether it counts) and a CAPA's closure (status,
 * when, by whom). Its SHA-256 ties a signature to one record in one state.
 */
@Component
class SignedRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A record as signed: its owner (the employee of a completion) and its content hash. */
    record Content(String recordType, String recordId, String employeeId, String status, String hash) {
    }

    private final JdbcTemplate jdbc;

    SignedRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Content> read(String recordType, String recordId) {
        return switch (recordType) {
            case "completion" -> jdbc.query("select * from training_completion where completion_id = ?", (rs, i) -> {
                Map<String, Object> content = new TreeMap<>();
                content.put("completionId", rs.getString("completion_id"));
                content.put("employeeId", rs.getString("employee_id"));
                content.put("documentNumber", rs.getString("document_number"));
                content.put("version", rs.getString("version"));
                content.put("completedAt", String.valueOf(JdbcValues.instant(rs, "completed_at")));
                content.put("method", rs.getString("method"));
                BigDecimal score = rs.getBigDecimal("score");
                content.put("score", score == null ? null : score.stripTrailingZeros().toPlainString());
                content.put("verifiedBy", rs.getString("verified_by"));
                content.put("counts", rs.getBoolean("counts"));
                return new Content(recordType, recordId, rs.getString("employee_id"), null, hash(content));
            }, recordId).stream().findFirst();
            case "capa-closure" -> jdbc.query("select * from capa where capa_id = ?", (rs, i) -> {
                Map<String, Object> content = new TreeMap<>();
                content.put("capaId", rs.getString("capa_id"));
                content.put("status", rs.getString("status"));
                content.put("closedAt", String.valueOf(JdbcValues.instant(rs, "closed_at")));
                content.put("closedBy", rs.getString("closed_by"));
                return new Content(recordType, recordId, null, rs.getString("status"), hash(content));
            }, recordId).stream().findFirst();
            default -> Optional.empty();
        };
    }

    static final List<String> TYPES = List.of("completion", "capa-closure");

    private static String hash(Map<String, Object> content) {
        try {
            return Hashes.sha256Hex(JSON.writeValueAsString(content));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
