package dev.timbre.platform.registry;

/**
 * The schema id, or the schema under an existing subject, or the version is unknown (HTTP 404, error codes
 * 40402 version / 40403 schema).
 */
public class SchemaNotFoundException extends SchemaRegistryException {
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;

    public SchemaNotFoundException(int errorCode, String message) {
        super(404, errorCode, message);
    }
}
