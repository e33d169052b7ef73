package com.closeloop.signatures;

/** What a signature means (21 CFR 11.50(a)(3)), and which record it may be put on. */
public enum Meaning {
    /** The employee read and understood / completed the training (on a completion). */
    COMPLETED_TRAINING("completion"),
    /** A supervisor or trainer verified the training (on a completion). */
    VERIFIED("completion"),
    /** QA approved closing the CAPA (on a CAPA closure). */
    APPROVED_CLOSURE("capa-closure");

    private final String recordType;

    Meaning(String recordType) {
        this.recordType = recordType;
    }

    public String recordType() {
        return recordType;
    }
}
