package com.closeloop.signatures;

import java.time.Instant;

/**
 * A signature as shown with its record (21 CFR 11.50): printed name, user name, date-time and meaning; plus how it
 * was made and whether it still verifies against the record ({@code valid}, with {@code problem} when not).
 */
public record SignatureView(String signatureId, String recordType, String recordId, String signer, String printedName, String meaning,
        Instant signedAt, String method, String externalRef, String recordHash, String signatureHash, boolean valid, String problem) {

    /** The one-line manifestation printed in reports, e.g. "Ana Diaz (adiaz) COMPLETED_TRAINING 2026-02-04T10:05:00Z". */
    public String manifestation() {
        return printedName + " (" + signer + ") " + meaning + " " + signedAt + (valid ? "" : " [INVALID: " + problem + "]");
    }
}
