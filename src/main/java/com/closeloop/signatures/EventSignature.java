package com.closeloop.signatures;

import java.time.OffsetDateTime;

import com.closeloop.ingest.DataReader;

/**
 * A signature made in a source system and carried by its event (SPEC §4b "Signatures"):
 * {@code signature: {signer, meaning, signedAt, externalRef}}. The hub records it as such (method SOURCE_SYSTEM).
 */
public record EventSignature(String signer, String printedName, Meaning meaning, OffsetDateTime signedAt, String externalRef) {

    /** Reads the optional {@code signature} object of an event's data. */
    public static EventSignature read(DataReader data) {
        return data.object("signature", false, s -> new EventSignature(s.text("signer", true, 200), s.text("printedName", false, 200),
                s.enumValue("meaning", true, Meaning.class), s.instant("signedAt", true), s.text("externalRef", false, 200)));
    }
}
