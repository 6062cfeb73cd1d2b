package dev.timbre.ingest.security;

/** The roles an API key can carry. */
public final class Roles {
    /** May register songs and read any user's data. */
    public static final String ADMIN = "ADMIN";
    /** May post events and read recommendations for their own user id only. */
    public static final String USER = "USER";

    private Roles() {
    }
}
