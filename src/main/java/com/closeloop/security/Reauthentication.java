package com.closeloop.security;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Re-authentication at signing (21 CFR 11.200(a)): the signer types their password again, checked exactly like a
 * sign-in, so failures count towards the lockout and a locked or disabled account cannot sign.
 */
@Component
public class Reauthentication {

    /** Who signed: the user name, the printed name shown with the signature, and the employee the user is. */
    public record Signer(String username, String printedName, String employeeId, boolean supervisor, boolean qa) {
    }

    private final AuthenticationManager manager;

    Reauthentication(UserDetailsService users, PasswordEncoder passwords, ApplicationEventPublisher events) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
        provider.setPasswordEncoder(passwords);
        ProviderManager manager = new ProviderManager(provider);
        manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
        this.manager = manager;
    }

    /** The signer when {@code password} is theirs and the account may sign in; empty otherwise. */
    public java.util.Optional<Signer> check(String username, String password) {
        try {
            var auth = manager.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(username, password));
            CloseloopUser user = (CloseloopUser) auth.getPrincipal();
            return java.util.Optional.of(new Signer(user.getUsername(), user.displayName(), user.employeeId(),
                    Caller.has(auth, Role.SUPERVISOR), Caller.has(auth, Role.QA)));
        } catch (AuthenticationException e) {
            return java.util.Optional.empty();
        }
    }
}
