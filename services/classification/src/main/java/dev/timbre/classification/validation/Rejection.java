package dev.timbre.classification.validation;

/** A window that will not be classified, with a reason an operator can act on. */
public record Rejection(RejectionReason reason, String detail) {

    /** The text written to the dead letter's {@code reason} field. */
    public String describe() {
        return reason + ": " + detail;
    }
}
