package dev.timbre.ingest.security;

import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;

/** A user may act only on their own id; an admin on anyone's. */
public final class UserAccess {
    private UserAccess() {
    }

    public static boolean mayActFor(Authentication authentication, String userId) {
        if (authentication == null) {
            return false;
        }
        return authentication.getRoles().contains(Roles.ADMIN)
                || (authentication.getRoles().contains(Roles.USER) && authentication.getName().equals(userId));
    }

    /** Throws the exception micronaut-security turns into 403 (or 401 when unauthenticated). */
    public static void requireMayActFor(Authentication authentication, String userId) {
        if (!mayActFor(authentication, userId)) {
            throw new AuthorizationException(authentication);
        }
    }
}
