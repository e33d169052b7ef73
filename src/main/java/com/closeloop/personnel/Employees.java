package com.closeloop.personnel;

import org.springframework.data.jpa.repository.JpaRepository;

public interface Employees extends JpaRepository<Employee, String> {
}
