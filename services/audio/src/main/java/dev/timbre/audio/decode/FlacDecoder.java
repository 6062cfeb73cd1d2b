package dev.timbre.audio.decode;

import dev.timbre.audio.AudioException;
import dev.timbre.audio.AudioException.Reason;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.PCMProcessor;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * FLAC through jFLAC's {@link FLACDecoder}. Samples are read from the decoder's per-channel integer
 * output (after stereo decorrelation) and scaled by {@code 2^(bps-1)}, so 16-bit FLAC decodes to the
 * same values as the equivalent WAV. STREAMINFO's total sample count detects truncation.
 */
final class FlacDecoder implements AudioDecoder {

    /** Thrown from the PCM callback to stop jFLAC once the duration limit is reached. */
    private static final class LimitReached extends RuntimeException {
        LimitReached() {
            super(null, null, false, false);
        }
    }

    @Override
    public DecodedAudio decode(byte[] data, DecodeLimits limits) throws IOException {
        FLACDecoder decoder = new FLACDecoder(new ByteArrayInputStream(data));
        decoder.readMetadata();
        StreamInfo info = decoder.getStreamInfo();
        if (info == null) {
            throw new AudioException(Reason.CORRUPT, "FLAC has no STREAMINFO block");
        }
        int channels = info.getChannels();
        int bps = info.getBitsPerSample();
        int sampleRate = info.getSampleRate();
        JavaSoundDecoder.checkShape(channels, sampleRate, limits);
        if (bps < 4 || bps > 32) {
            throw new AudioException(Reason.CORRUPT, "FLAC bits per sample " + bps);
        }
        double scale = 1.0 / (1L << (bps - 1));
        MonoBuffer out = new MonoBuffer(channels, limits.maxFrames(sampleRate));
        float[] frame = new float[channels];
        int bytesPerSample = (bps + 7) / 8;
        decoder.addPCMProcessor(new PCMProcessor() {
            @Override
            public void processStreamInfo(StreamInfo streamInfo) {
                // already read above
            }

            @Override
            public void processPCM(ByteData pcm) {
                ChannelData[] cd = decoder.getChannelData();
                int block = pcm.getLen() / (channels * bytesPerSample);
                for (int i = 0; i < block; i++) {
                    for (int c = 0; c < channels; c++) {
                        frame[c] = (float) (cd[c].getOutput()[i] * scale);
                    }
                    if (!out.addFrame(frame)) {
                        throw new LimitReached();
                    }
                }
            }
        });
        boolean limited = false;
        try {
            decoder.decodeFrames();
        } catch (LimitReached e) {
            limited = true;
        }
        long declared = info.getTotalSamples();
        if (!limited && decoder.getBadFrames() > 0 && (declared <= 0 || out.size() < declared)) {
            throw new AudioException(Reason.CORRUPT, "FLAC has " + decoder.getBadFrames() + " undecodable frames");
        }
        if (!limited && declared > 0 && out.size() < declared) {
            throw new AudioException(Reason.TRUNCATED, "FLAC declares " + declared + " samples but holds " + out.size());
        }
        if (out.size() == 0) {
            throw new AudioException(Reason.EMPTY, "FLAC contains no samples");
        }
        return new DecodedAudio(out.toArray(), sampleRate, channels, AudioFormatKind.FLAC, limited);
    }
}
