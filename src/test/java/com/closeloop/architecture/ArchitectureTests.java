package com.closeloop.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/** The shape STYLE.md asks for, kept by tests rather than by memory. */
class ArchitectureTests {

    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.closeloop");

    @Test
    void ruleFactsAndDecisionsArePlainRecordsFreeOfFrameworks() {
        noClasses().that().resideInAnyPackage("com.closeloop.rules.facts..", "com.closeloop.rules.decisions..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..", "org.hibernate..",
                        "com.closeloop.ingest..", "com.closeloop.training..", "com.closeloop.personnel..", "com.closeloop.documents..",
                        "com.closeloop.matrix..", "com.closeloop.facts..")
                .check(CLASSES);
    }

    @Test
    void theRuleEngineDoesNotReachIntoTheCapabilities() {
        noClasses().that().resideInAPackage("com.closeloop.rules..")
                .should().dependOnClassesThat().resideInAnyPackage("com.closeloop.ingest..", "com.closeloop.training..",
                        "com.closeloop.personnel..", "com.closeloop.documents..", "com.closeloop.matrix..", "com.closeloop.facts..")
                .check(CLASSES);
    }

    @Test
    void capabilitiesHaveNoDependencyCycles() {
        slices().matching("com.closeloop.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void onlyTheGatewayPathWritesFromEvents() {
        noClasses().that().resideOutsideOfPackages("com.closeloop.ingest..", "com.closeloop.demo..", "com.closeloop.connectors..",
                        "com.closeloop.xapi..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.apache.camel.ProducerTemplate")
                .check(CLASSES);
    }
}
