package com.closeloop.training;

/** How training on a document is delivered and evidenced (SPEC §1, matrix entry). */
public enum TrainingMethod {
    READ_AND_UNDERSTAND, INSTRUCTOR_LED, ON_THE_JOB, ASSESSMENT
}
