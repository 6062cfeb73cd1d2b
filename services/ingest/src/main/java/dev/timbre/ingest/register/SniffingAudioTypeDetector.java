package dev.timbre.ingest.register;

import dev.timbre.audio.decode.AudioFormatKind;
import dev.timbre.audio.decode.FormatSniffer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Uses timbre-audio's {@link FormatSniffer}, the same check the decoder makes, on the first bytes. */
@Singleton
public class SniffingAudioTypeDetector implements AudioTypeDetector {

    @Override
    public Optional<String> detect(InputStream content) throws IOException {
        byte[] head = content.readNBytes(FormatSniffer.HEAD_BYTES);
        return FormatSniffer.sniff(head).map(AudioFormatKind::mimeType);
    }
}
