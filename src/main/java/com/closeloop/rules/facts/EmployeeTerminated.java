package com.closeloop.rules.facts;

/** An employee's status became TERMINATED. */
public record EmployeeTerminated(String employeeId) {
}
