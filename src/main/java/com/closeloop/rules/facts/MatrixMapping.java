package com.closeloop.rules.facts;

/** A training-matrix entry in force: document ↔ job function, with its training method. */
public record MatrixMapping(String documentNumber, String jobFunctionCode, String trainingMethod, Integer retrainEveryMonths) {
}
