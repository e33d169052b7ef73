package com.closeloop.personnel;

import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface Employees extends JpaRepository<Employee, String> {

    /** Reads the employee for an update, locking the row so concurrent upserts of one person apply one after another. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select e from Employee e where e.employeeId = :id")
    Optional<Employee> lockById(@Param("id") String employeeId);
}
