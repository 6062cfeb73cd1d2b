package dev.timbre.classification.validation;

/** Why a window's features cannot be classified; the prefix of the dead letter's reason. */
public enum RejectionReason {
    /** The value bytes are not a {@code WindowFeatures} the registry can decode. */
    UNDESERIALISABLE,
    /** The declared or actual MFCC tensor shape differs from the model's input. */
    WRONG_SHAPE,
    /** The tensor holds NaN or infinite values. */
    NON_FINITE,
    /** The features were made by a recipe the model was not trained on. */
    UNKNOWN_EXTRACTOR_VERSION,
    /** Ids or window positions that make no sense (empty songId, index outside the window count). */
    BAD_METADATA,
    /** The engine failed on this window alone (it passed validation; kept so the rest of its batch goes on). */
    INFERENCE_FAILED
}
