package dev.timbre.ingest.security;

import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserAccessTest {
    private final Authentication alice = Authentication.build("alice", List.of(Roles.USER));
    private final Authentication admin = Authentication.build("admin", List.of(Roles.ADMIN));
    private final Authentication roleless = Authentication.build("alice", List.of());

    @Test
    void usersActOnlyForThemselvesAdminsForAnyone() {
        assertTrue(UserAccess.mayActFor(alice, "alice"));
        assertFalse(UserAccess.mayActFor(alice, "bob"));
        assertTrue(UserAccess.mayActFor(admin, "bob"));
        assertFalse(UserAccess.mayActFor(roleless, "alice"));
        assertFalse(UserAccess.mayActFor(null, "alice"));
    }

    @Test
    void refusalIsTheForbiddenAuthorizationException() {
        assertDoesNotThrow(() -> UserAccess.requireMayActFor(alice, "alice"));
        AuthorizationException e = assertThrows(AuthorizationException.class, () -> UserAccess.requireMayActFor(alice, "bob"));
        assertTrue(e.isForbidden());
    }
}
