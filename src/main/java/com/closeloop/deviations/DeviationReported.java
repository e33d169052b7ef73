package com.closeloop.deviations;

import java.time.OffsetDateTime;
import java.util.List;

/** The payload of {@code closeloop.deviation.reported}. */
record DeviationReported(String deviationId, OffsetDateTime occurredAt, String description, List<String> involvedEmployeeIds,
        List<String> documentNumbers) {
}
