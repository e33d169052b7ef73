package com.closeloop.signatures;

import java.util.List;

import com.closeloop.ApiProblem;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/signatures}: a signed-in person signs a completion or a CAPA closure, re-entering their password.
 * {@code GET /api/signatures?recordType=&recordId=}: a record's signatures, each verified against the record.
 */
@RestController
class SignaturesController {

    record SignRequest(String recordType, String recordId, String meaning, String password) {
    }

    private final Signatures signatures;

    SignaturesController(Signatures signatures) {
        this.signatures = signatures;
    }

    @PostMapping("/api/signatures")
    @ResponseStatus(HttpStatus.CREATED)
    SignatureView sign(@RequestBody SignRequest request, Authentication caller) {
        if (!(caller.getPrincipal() instanceof UserDetails)) {
            throw ApiProblem.forbidden("signer", "only a signed-in person signs; a system sends its signature with its event");
        }
        if (request.recordType() == null || request.recordType().isBlank()) {
            throw ApiProblem.badRequest("recordType", "is required");
        }
        if (request.recordId() == null || request.recordId().isBlank()) {
            throw ApiProblem.badRequest("recordId", "is required");
        }
        if (request.password() == null || request.password().isEmpty()) {
            throw ApiProblem.badRequest("password", "is required: signing re-authenticates the signer");
        }
        Meaning meaning;
        try {
            meaning = Meaning.valueOf(String.valueOf(request.meaning()));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("meaning", "must be one of COMPLETED_TRAINING, VERIFIED, APPROVED_CLOSURE");
        }
        return signatures.sign(request.recordType(), request.recordId(), meaning, caller.getName(), request.password());
    }

    @GetMapping("/api/signatures")
    List<SignatureView> of(@RequestParam String recordType, @RequestParam String recordId) {
        return signatures.of(recordType, List.of(recordId));
    }

    @GetMapping("/api/signatures/{signatureId}")
    SignatureView one(@PathVariable String signatureId) {
        return signatures.find(signatureId).orElseThrow(() -> ApiProblem.notFound("signatureId", "no signature '" + signatureId + "'"));
    }
}
