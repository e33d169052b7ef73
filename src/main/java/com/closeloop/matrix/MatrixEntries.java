package com.closeloop.matrix;

import java.util.Optional;

import org.springframework.data.jpa.repository.JpaRepository;

interface MatrixEntries extends JpaRepository<MatrixEntry, Long> {

    Optional<MatrixEntry> findByDocumentNumberAndJobFunctionCodeAndRemovedAtIsNull(String documentNumber, String jobFunctionCode);
}
