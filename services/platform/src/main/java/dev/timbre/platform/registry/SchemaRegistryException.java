package dev.timbre.platform.registry;

/**
 * A schema-registry call failed. Carries the HTTP status and Confluent's {@code error_code} (when the registry
 * sent one) so callers can tell "not there" from "not allowed" from "registry down". Subclasses name the cases
 * callers usually branch on.
 */
public class SchemaRegistryException extends RuntimeException {
    private final int status;
    private final int errorCode;

    public SchemaRegistryException(int status, int errorCode, String message) {
        this(status, errorCode, message, null);
    }

    public SchemaRegistryException(int status, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** HTTP status, or 0 when no response came back (connection refused, timeout, TLS failure). */
    public int status() {
        return status;
    }

    /** Confluent error code ({@code 40401}, {@code 409}, {@code 42201} ...), or 0 when none was sent. */
    public int errorCode() {
        return errorCode;
    }
}
