package com.closeloop.security;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is calling: a signed-in person (with the employee they are, if any) or a system's API key. */
public final class Caller {

    private Caller() {
    }

    public static Optional<Authentication> current() {
        return Optional.ofNullable(SecurityContextHolder.getContext().getAuthentication()).filter(Authentication::isAuthenticated);
    }

    public static boolean has(Authentication auth, Role role) {
        return auth.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role.authority()));
    }

    /** The employee id of a signed-in person, when their user is linked to one. */
    public static Optional<String> employeeId(Authentication auth) {
        return auth.getPrincipal() instanceof CloseloopUser user ? Optional.ofNullable(user.employeeId()) : Optional.empty();
    }

    public static String name(Authentication auth) {
        return auth == null ? "anonymous" : auth.getName();
    }
}
