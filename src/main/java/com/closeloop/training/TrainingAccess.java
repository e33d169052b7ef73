package com.closeloop.training;

import com.closeloop.facts.PlantFacts;
import com.closeloop.security.Caller;
import com.closeloop.security.Role;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/** Who may read whose training: operators their own; supervisors their own and their team's; the other roles everyone's. */
@Component
public class TrainingAccess {

    private final PlantFacts facts;

    TrainingAccess(PlantFacts facts) {
        this.facts = facts;
    }

    public void requireMayRead(Authentication caller, String employeeId) {
        if (caller == null || Caller.has(caller, Role.QA) || Caller.has(caller, Role.AUDITOR) || Caller.has(caller, Role.COMPLIANCE_LEAD)
                || Caller.has(caller, Role.INGEST)) {
            return;
        }
        String own = Caller.employeeId(caller).orElse(null);
        if (own != null && own.equals(employeeId)) {
            return;
        }
        if (Caller.has(caller, Role.SUPERVISOR) && own != null && facts.supervisorOf(employeeId).filter(own::equals).isPresent()) {
            return;
        }
        throw new AccessDeniedException("not your own or your team's training");
    }
}
