package dev.timbre.ingest.register;

import dev.timbre.audio.io.WavWriter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SniffingAudioTypeDetectorTest {
    private final SniffingAudioTypeDetector detector = new SniffingAudioTypeDetector();

    @Test
    void recognisesAudioByItsBytes() throws Exception {
        byte[] wav = WavWriter.toBytes(new float[22_050], 22_050);
        assertEquals(Optional.of("audio/wav"), detector.detect(new ByteArrayInputStream(wav)));
        byte[] flac = {'f', 'L', 'a', 'C', 0, 0, 0, 34};
        assertEquals(Optional.of("audio/flac"), detector.detect(new ByteArrayInputStream(flac)));
    }

    @Test
    void rejectsNonAudioWhateverItIsCalled() throws Exception {
        assertEquals(Optional.empty(), detector.detect(new ByteArrayInputStream("<html>not a song</html>".getBytes())));
        assertEquals(Optional.empty(), detector.detect(new ByteArrayInputStream(new byte[0])));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
        assertEquals(Optional.empty(), detector.detect(new ByteArrayInputStream(png)));
    }
}
