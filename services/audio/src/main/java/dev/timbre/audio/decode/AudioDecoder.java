package dev.timbre.audio.decode;

/** Decodes one container/codec from an in-memory byte array into mono samples. */
interface AudioDecoder {

    /**
     * @throws dev.timbre.audio.AudioException for any problem with the content; implementations may
     *         also let runtime exceptions of the underlying codec escape, which {@link AudioDecoding}
     *         turns into {@code CORRUPT}
     */
    DecodedAudio decode(byte[] data, DecodeLimits limits) throws java.io.IOException;
}
