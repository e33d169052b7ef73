package com.closeloop.documents;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface ControlledDocuments extends JpaRepository<ControlledDocument, String> {

    /** Reads the document for an update, locking the row so approvals of one document apply one after another. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select d from ControlledDocument d where d.documentNumber = :number")
    Optional<ControlledDocument> lockById(@Param("number") String documentNumber);
}
