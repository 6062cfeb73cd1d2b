package dev.timbre.audio.decode;

import dev.timbre.audio.AudioException;
import dev.timbre.audio.AudioException.Reason;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
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

    /** Thrown from the error callback when jFLAC stops making progress on damaged data. */
    private static final class Stuck extends RuntimeException {
        Stuck(String message) {
            super(message, null, false, false);
        }
    }

    /** Bad-frame callbacks tolerated without the read position advancing before giving up. */
    private static final int MAX_ERRORS_WITHOUT_PROGRESS = 64;
    /** Bad-frame callbacks tolerated in total (a badly damaged file is not worth resyncing forever). */
    private static final int MAX_ERRORS = 20_000;

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
        // jFLAC's resync loop can spin on some damaged headers without consuming input; watch it.
        decoder.addFrameListener(new FrameListener() {
            private long lastPosition = -1;
            private int stalled;
            private int errors;

            @Override
            public void processMetadata(Metadata metadata) {
            }

            @Override
            public void processFrame(Frame frame) {
            }

            @Override
            public void processError(String msg) {
                long position = decoder.getTotalBytesRead();
                stalled = position == lastPosition ? stalled + 1 : 0;
                lastPosition = position;
                if (stalled > MAX_ERRORS_WITHOUT_PROGRESS || ++errors > MAX_ERRORS) {
                    throw new Stuck("FLAC decoder cannot resynchronise: " + msg);
                }
            }
        });
        boolean limited = false;
        try {
            decoder.decodeFrames();
        } catch (LimitReached e) {
            limited = true;
        } catch (Stuck e) {
            throw new AudioException(Reason.CORRUPT, e.getMessage());
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
