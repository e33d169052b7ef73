package com.closeloop.signatures;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.closeloop.ApiProblem;
import com.closeloop.Hashes;
import com.closeloop.JdbcValues;
import com.closeloop.PlantClock;
import com.closeloop.RecordIds;
import com.closeloop.audit.Attribution;
import com.closeloop.audit.AuditChain;
import com.closeloop.audit.AuditTrail;
import com.closeloop.ingest.EventContext;
import com.closeloop.ingest.InvalidEventException;
import com.closeloop.security.Reauthentication;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Electronic signatures linked to their records (21 CFR 11.50, 11.70, 11.200). A person signs in the hub by
 * re-entering their password; a source system's signature arrives with its event. Either way the stored
 * signature carries the SHA-256 of the record's signed content and a hash over its own fields and that record
 * hash, so it verifies only on the record, in the state, it was made for.
 */
@Component
public class Signatures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;
    private final SignedRecords records;
    private final Reauthentication reauthentication;
    private final AuditTrail audit;
    private final PlantClock clock;
    private final TransactionTemplate transaction;

    Signatures(JdbcTemplate jdbc, SignedRecords records, Reauthentication reauthentication, AuditTrail audit, PlantClock clock,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.records = records;
        this.reauthentication = reauthentication;
        this.audit = audit;
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** A signed-in person signs a record: password re-checked, meaning allowed for them and the record. */
    public SignatureView sign(String recordType, String recordId, Meaning meaning, String username, String password) {
        if (!SignedRecords.TYPES.contains(recordType)) {
            throw ApiProblem.badRequest("recordType", "must be one of " + String.join(", ", SignedRecords.TYPES));
        }
        if (!meaning.recordType().equals(recordType)) {
            throw ApiProblem.badRequest("meaning", meaning + " is signed on a " + meaning.recordType() + ", not a " + recordType);
        }
        Reauthentication.Signer signer = reauthentication.check(username, password == null ? "" : password)
                .orElseThrow(() -> ApiProblem.forbidden("password", "re-authentication failed: the password is not this user's (or the"
                        + " account is locked or disabled); nothing was signed"));
        Instant now = AuditChain.stored(clock.now());
        return transaction.execute(status -> {
            SignedRecords.Content content = records.read(recordType, recordId)
                    .orElseThrow(() -> ApiProblem.notFound("recordId", "no " + recordType + " '" + recordId + "'"));
            switch (meaning) {
                case COMPLETED_TRAINING -> {
                    if (signer.employeeId() == null || !signer.employeeId().equals(content.employeeId())) {
                        throw ApiProblem.forbidden("recordId", "only the employee who completed the training signs "
                                + Meaning.COMPLETED_TRAINING + " (this completion is " + content.employeeId() + "'s)");
                    }
                }
                case VERIFIED -> {
                    if (!signer.supervisor()) {
                        throw ApiProblem.forbidden("meaning", "VERIFIED is signed by a supervisor");
                    }
                    if (signer.employeeId() != null && signer.employeeId().equals(content.employeeId())) {
                        throw ApiProblem.forbidden("meaning", "nobody verifies their own training");
                    }
                }
                case APPROVED_CLOSURE -> {
                    if (!signer.qa()) {
                        throw ApiProblem.forbidden("meaning", "APPROVED_CLOSURE is signed by QA");
                    }
                    if (!"CLOSED".equals(content.status())) {
                        throw ApiProblem.conflict("recordId", "CAPA " + recordId + " is not closed; a closure is signed after the rules"
                                + " allowed it");
                    }
                }
            }
            audit.attribute(Attribution.of(signer.username(), "web", "electronic signature " + meaning, now));
            try {
                return store(content, signer.username(), signer.printedName(), meaning, now, "PASSWORD_REAUTHENTICATION", null, now,
                        null, null);
            } catch (DuplicateKeyException e) {
                throw ApiProblem.conflict("meaning", signer.username() + " already signed this " + recordType + " as " + meaning);
            }
        });
    }

    /**
     * Records the signature carried by an event, in the event's transaction, after its record was written. A person
     * posting an event cannot sign this way: they re-authenticate through {@code POST /api/signatures}.
     */
    public void recordFromEvent(String recordType, String recordId, EventSignature signature, EventContext context) {
        if (signature == null) {
            return;
        }
        if (context.person() != null) {
            throw InvalidEventException.malformed("signature", "a person signs in the hub with POST /api/signatures, re-entering their"
                    + " password; only source systems send signatures with events");
        }
        if (!signature.meaning().recordType().equals(recordType)) {
            throw InvalidEventException.malformed("signature.meaning", signature.meaning() + " is not a meaning for a " + recordType);
        }
        SignedRecords.Content content = records.read(recordType, recordId)
                .orElseThrow(() -> new IllegalStateException(recordType + " " + recordId + " was not written before its signature"));
        String printed = signature.printedName() == null ? signature.signer() : signature.printedName();
        store(content, signature.signer(), printed, signature.meaning(), AuditChain.stored(signature.signedAt().toInstant()),
                "SOURCE_SYSTEM", signature.externalRef(), AuditChain.stored(context.receivedAt()), context.id(), context.source());
    }

    private SignatureView store(SignedRecords.Content content, String signer, String printedName, Meaning meaning, Instant signedAt,
            String method, String externalRef, Instant recordedAt, String eventId, String eventSource) {
        String id = RecordIds.next();
        String signatureHash = signatureHash(id, content.recordType(), content.recordId(), content.hash(), signer, printedName,
                meaning.name(), signedAt, method, externalRef);
        jdbc.update("insert into electronic_signature (signature_id, record_type, record_id, signer, printed_name, meaning, signed_at,"
                + " method, external_ref, record_hash, signature_hash, recorded_at, source_event_id, source_event_source)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, content.recordType(), content.recordId(), signer, printedName,
                meaning.name(), JdbcValues.utc(signedAt), method, externalRef, content.hash(), signatureHash, JdbcValues.utc(recordedAt),
                eventId, eventSource);
        Map<String, Object> values = AuditTrail.values("signatureId", id, "recordType", content.recordType(), "recordId",
                content.recordId(), "signer", signer, "printedName", printedName, "meaning", meaning.name(), "signedAt", signedAt,
                "method", method, "externalRef", externalRef, "recordHash", content.hash(), "signatureHash", signatureHash);
        audit.record("signature", id, "SIGNED", null, values);
        audit.record("completion".equals(content.recordType()) ? "completion" : "capa", content.recordId(), "SIGNED", null, values);
        return new SignatureView(id, content.recordType(), content.recordId(), signer, printedName, meaning.name(), signedAt, method,
                externalRef, content.hash(), signatureHash, true, null);
    }

    /** The signatures on these records, each verified against the record as it is now; by record, then time. */
    public List<SignatureView> of(String recordType, Collection<String> recordIds) {
        List<SignatureView> all = new ArrayList<>();
        List<String> ids = recordIds.stream().distinct().sorted().toList();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String in = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
            List<Object> args = new ArrayList<>();
            args.add(recordType);
            args.addAll(chunk);
            all.addAll(jdbc.query("select * from electronic_signature where record_type = ? and record_id in (" + in + ")"
                    + " order by record_id, signed_at, signature_id", verified(), args.toArray()));
        }
        return all;
    }

    public Optional<SignatureView> find(String signatureId) {
        return jdbc.query("select * from electronic_signature where signature_id = ?", verified(), signatureId).stream().findFirst();
    }

    private RowMapper<SignatureView> verified() {
        Map<String, Optional<SignedRecords.Content>> contents = new TreeMap<>();
        return (rs, i) -> {
            String type = rs.getString("record_type");
            String recordId = rs.getString("record_id");
            String storedRecordHash = rs.getString("record_hash");
            String storedHash = rs.getString("signature_hash");
            Instant signedAt = JdbcValues.instant(rs, "signed_at");
            String id = rs.getString("signature_id");
            String computed = signatureHash(id, type, recordId, storedRecordHash, rs.getString("signer"), rs.getString("printed_name"),
                    rs.getString("meaning"), signedAt, rs.getString("method"), rs.getString("external_ref"));
            Optional<SignedRecords.Content> now = contents.computeIfAbsent(type + "\u0000" + recordId, k -> records.read(type, recordId));
            String problem = null;
            if (!computed.equals(storedHash)) {
                problem = "the signature's fields were changed or it was moved from another record (hash " + storedHash
                        + " does not match " + computed + ")";
            } else if (now.isEmpty()) {
                problem = "the signed " + type + " no longer exists";
            } else if (!now.get().hash().equals(storedRecordHash)) {
                problem = "the " + type + " was changed after it was signed (content hash " + now.get().hash() + ", signed "
                        + storedRecordHash + ")";
            }
            return new SignatureView(id, type, recordId, rs.getString("signer"), rs.getString("printed_name"), rs.getString("meaning"),
                    signedAt, rs.getString("method"), rs.getString("external_ref"), storedRecordHash, storedHash, problem == null, problem);
        };
    }

    static String signatureHash(String signatureId, String recordType, String recordId, String recordHash, String signer,
            String printedName, String meaning, Instant signedAt, String method, String externalRef) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("signatureId", signatureId);
        fields.put("recordType", recordType);
        fields.put("recordId", recordId);
        fields.put("recordHash", recordHash);
        fields.put("signer", signer);
        fields.put("printedName", printedName);
        fields.put("meaning", meaning);
        fields.put("signedAt", String.valueOf(AuditChain.stored(signedAt)));
        fields.put("method", method);
        fields.put("externalRef", externalRef);
        try {
            return Hashes.sha256Hex(JSON.writeValueAsString(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
