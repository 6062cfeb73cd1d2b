package dev.timbre.platform.registry;

/**
 * The registry could not accept the request's content (HTTP 422): an unparsable schema (42201), a bad version
 * (42202) or an unknown compatibility level (42203).
 */
public class InvalidSchemaException extends SchemaRegistryException {
    public InvalidSchemaException(int errorCode, String message) {
        super(422, errorCode, message);
    }
}
