package com.closeloop;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Ids for records the hub creates (assignments, completions): time-ordered UUIDs (RFC 9562 version 7), so
 * new rows land at the end of the primary-key index instead of all over it, and ids sort by creation time.
 */
public final class RecordIds {

    private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

    private RecordIds() {
    }

    public static String next() {
        return GENERATOR.generate().toString();
    }
}
