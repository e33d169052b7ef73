package com.closeloop.matrix;

import com.closeloop.training.TrainingMethod;

/** The payload of {@code closeloop.matrix.entry.upserted} and {@code .removed}. */
record MatrixChange(String documentNumber, String jobFunctionCode, TrainingMethod trainingMethod, Integer retrainEveryMonths) {

    String method() {
        return trainingMethod == null ? TrainingMethod.READ_AND_UNDERSTAND.name() : trainingMethod.name();
    }
}
