package com.closeloop.bench;

import java.io.IOException;

import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

/**
 * JMH ends a fork without running shutdown hooks, so a recording started with
 * {@code -jvmArgsAppend -XX:StartFlightRecording=filename=/tmp/x.jfr,settings=profile} would stay empty; benchmarks call
 * {@link #dump()} in their trial teardown to write it (docs/benchmarks.md, "Profiling").
 */
final class FlightRecordings {

    private FlightRecordings() {
    }

    static void dump() throws IOException {
        if (!FlightRecorder.isAvailable()) {
            return;
        }
        for (Recording recording : FlightRecorder.getFlightRecorder().getRecordings()) {
            if (recording.getDestination() != null) {
                recording.dump(recording.getDestination());
            }
        }
    }
}
