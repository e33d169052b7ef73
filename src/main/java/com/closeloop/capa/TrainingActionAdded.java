package com.closeloop.capa;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The payload of {@code closeloop.capa.training-action.added}. */
record TrainingActionAdded(String capaId, String actionId, String documentNumber, List<String> jobFunctionCodes,
        List<String> employeeIds, LocalDate dueDate, String verificationKind, BigDecimal minScore) {
}
