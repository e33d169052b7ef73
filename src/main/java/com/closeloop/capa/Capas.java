package com.closeloop.capa;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface Capas extends JpaRepository<Capa, String> {

    /** Reads a CAPA for a change, locking its row: actions and closure requests of one CAPA apply one after another. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from Capa c where c.capaId = :id")
    Optional<Capa> lockById(@Param("id") String capaId);

    @Query("select c.capaId from Capa c where c.deviationId = :deviationId order by c.capaId")
    java.util.List<String> idsOfDeviation(@Param("deviationId") String deviationId);
}
