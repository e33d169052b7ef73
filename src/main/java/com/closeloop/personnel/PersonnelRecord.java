package com.closeloop.personnel;

import java.util.List;

/** The payload of {@code closeloop.personnel.upserted}: the employee's full current record from HR. */
public record PersonnelRecord(String employeeId, String name, String email, String supervisorId, EmploymentStatus status,
        List<HoldingSpec> jobFunctions) {
}
