package com.closeloop.security;

import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/** A signed-in person, with the employee they are (for "own assignments" and "my team"). */
public class CloseloopUser extends User {

    private final String employeeId;
    private final String displayName;

    public CloseloopUser(String username, String password, boolean enabled, boolean nonLocked,
            Collection<? extends GrantedAuthority> authorities, String employeeId, String displayName) {
        super(username, password, enabled, true, true, nonLocked, authorities);
        this.employeeId = employeeId;
        this.displayName = displayName;
    }

    public String employeeId() {
        return employeeId;
    }

    public String displayName() {
        return displayName;
    }
}
