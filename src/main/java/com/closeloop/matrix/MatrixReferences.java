package com.closeloop.matrix;

import java.util.List;

import com.closeloop.facts.PlantFacts;
import com.closeloop.facts.VersionInfo;
import com.closeloop.ingest.DataReader;
import com.closeloop.ingest.InvalidEventException;
import com.closeloop.training.TrainingMethod;

/** Reading and reference checks shared by the matrix handlers (SPEC §4b "Order of facts"). */
final class MatrixReferences {

    private MatrixReferences() {
    }

    static MatrixChange read(DataReader data) {
        return new MatrixChange(data.code("documentNumber", true), data.code("jobFunctionCode", true),
                data.enumValue("trainingMethod", false, TrainingMethod.class), data.integer("retrainEveryMonths", false, 1, 240));
    }

    /** Locks the document and returns its approved versions; refuses a document without any and an unknown job function. */
    static List<VersionInfo> check(MatrixChange change, PlantFacts facts) {
        List<VersionInfo> versions = facts.lockDocument(change.documentNumber()) ? facts.versions(change.documentNumber()) : List.of();
        if (versions.isEmpty()) {
            throw InvalidEventException.unprocessable("documentNumber", "unknown document '" + change.documentNumber()
                    + "': a matrix entry may name a document only after its first version was approved");
        }
        if (facts.existingJobFunctions(List.of(change.jobFunctionCode())).isEmpty()) {
            throw InvalidEventException.unprocessable("jobFunctionCode", "unknown job function '" + change.jobFunctionCode() + "'");
        }
        return versions;
    }
}
