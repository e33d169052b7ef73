package com.closeloop.personnel;

import org.springframework.data.jpa.repository.JpaRepository;

public interface JobFunctions extends JpaRepository<JobFunction, String> {
}
