package dev.timbre.classification.inference;

/** Where the CNN runs ({@code timbre.classification.engine.device}). */
public enum ComputeDevice {
    CPU,
    /** The first GPU; needs the {@code cuda} build and a CUDA runtime on the host. */
    GPU
}
