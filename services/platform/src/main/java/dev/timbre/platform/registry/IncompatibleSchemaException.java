package dev.timbre.platform.registry;

/** The registry refused the schema because it breaks the subject's compatibility rule (HTTP 409). */
public class IncompatibleSchemaException extends SchemaRegistryException {
    public IncompatibleSchemaException(String message) {
        super(409, 409, message);
    }
}
