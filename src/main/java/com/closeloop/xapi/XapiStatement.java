package com.closeloop.xapi;

import java.time.OffsetDateTime;
import java.util.Set;

/**
 * The parts of a validated xAPI 1.0.3 statement this hub uses. {@code id} is the statement's own id (lower case) or,
 * when it had none, a name-based UUID of its canonical JSON; {@code json} is the statement as received, compact.
 */
public record XapiStatement(
        String id,
        String verbId,
        String actorAccountName,
        String actorAccountHomePage,
        String actorMbox,
        String objectId,
        Double scoreScaled,
        Double scoreRaw,
        Double scoreMin,
        Double scoreMax,
        Boolean success,
        Boolean completion,
        OffsetDateTime timestamp,
        String json) {

    private static final Set<String> COMPLETING_VERBS = Set.of("completed", "passed");

    /** Whether the verb is ADL's completed or passed (http or https), or any IRI whose last path segment is one of those. */
    public boolean completes() {
        if (verbId == null) {
            return false;
        }
        String iri = verbId;
        int end = indexOfAny(iri, '?', '#');
        if (end >= 0) {
            iri = iri.substring(0, end);
        }
        int slash = iri.lastIndexOf('/');
        return slash >= 0 && COMPLETING_VERBS.contains(iri.substring(slash + 1));
    }

    /**
     * The score on a 0–100 scale: {@code scaled × 100} when scaled is at least 0; else raw placed between min and max;
     * else raw itself when it alone is given and lies within 0–100; else null.
     */
    public Double score0to100() {
        if (scoreScaled != null && scoreScaled >= 0) {
            return scoreScaled * 100;
        }
        if (scoreRaw != null && scoreMin != null && scoreMax != null && scoreMax > scoreMin) {
            return (scoreRaw - scoreMin) / (scoreMax - scoreMin) * 100;
        }
        if (scoreRaw != null && scoreMin == null && scoreMax == null && scoreRaw >= 0 && scoreRaw <= 100) {
            return scoreRaw;
        }
        return null;
    }

    private static int indexOfAny(String text, char first, char second) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == first || c == second) {
                return i;
            }
        }
        return -1;
    }
}
