package com.closeloop.personnel;

public enum EmploymentStatus {
    ACTIVE, TERMINATED
}
