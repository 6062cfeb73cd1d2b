package dev.timbre.audio.decode;

import dev.timbre.audio.AudioException;
import dev.timbre.audio.AudioException.Reason;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * WAV, AU and AIFF through the JDK's Java Sound readers: linear PCM (8/16/24/32-bit, either
 * endianness, signed or unsigned), IEEE float (32/64-bit) and mu-law/A-law (converted to 16-bit PCM
 * by Java Sound). Integer PCM is scaled by {@code 2^(bits-1)}, so 16-bit input gives exactly
 * {@code int16/32768} like soundfile/librosa.
 */
final class JavaSoundDecoder implements AudioDecoder {

    private final AudioFormatKind kind;

    JavaSoundDecoder(AudioFormatKind kind) {
        this.kind = kind;
    }

    @Override
    public DecodedAudio decode(byte[] data, DecodeLimits limits) throws IOException {
        if (kind == AudioFormatKind.WAV) {
            WavHeaderCheck.rejectUnsupportedCodec(data);
        }
        AudioInputStream in;
        try {
            in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(data));
        } catch (UnsupportedAudioFileException e) {
            if (kind == AudioFormatKind.AIFF && data.length >= 12 && data[8] == 'A' && data[11] == 'C') {
                // AIFF-C with a compression type Java Sound does not implement (e.g. 'sowt', 'ima4').
                throw new AudioException(Reason.UNSUPPORTED, "AIFF-C compression not supported: " + e.getMessage(), e);
            }
            throw new AudioException(Reason.CORRUPT, kind + " header not readable: " + e.getMessage(), e);
        }
        try (AudioInputStream source = in) {
            AudioFormat format = source.getFormat();
            AudioFormat.Encoding enc = format.getEncoding();
            AudioInputStream pcm = source;
            if (enc.equals(AudioFormat.Encoding.ULAW) || enc.equals(AudioFormat.Encoding.ALAW)) {
                AudioFormat target = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, format.getSampleRate(),
                        16, format.getChannels(), format.getChannels() * 2, format.getSampleRate(), false);
                pcm = AudioSystem.getAudioInputStream(target, source);
                format = pcm.getFormat();
                enc = format.getEncoding();
            }
            return readPcm(pcm, format, limits);
        }
    }

    private DecodedAudio readPcm(AudioInputStream in, AudioFormat format, DecodeLimits limits) throws IOException {
        AudioFormat.Encoding enc = format.getEncoding();
        int channels = format.getChannels();
        int bits = format.getSampleSizeInBits();
        float rate = format.getSampleRate();
        boolean isFloat = enc.equals(AudioFormat.Encoding.PCM_FLOAT);
        boolean signed = enc.equals(AudioFormat.Encoding.PCM_SIGNED);
        boolean unsigned = enc.equals(AudioFormat.Encoding.PCM_UNSIGNED);
        if (!(isFloat || signed || unsigned)) {
            throw new AudioException(Reason.UNSUPPORTED, kind + " encoding " + enc + " is not supported");
        }
        if (isFloat ? (bits != 32 && bits != 64) : (bits < 8 || bits > 32 || bits % 8 != 0)) {
            throw new AudioException(Reason.UNSUPPORTED, kind + " sample size " + bits + " bits is not supported");
        }
        checkShape(channels, rate, limits);
        int sampleRate = Math.round(rate);
        int bytesPerSample = bits / 8;
        int frameSize = bytesPerSample * channels;
        if (format.getFrameSize() != AudioSystem.NOT_SPECIFIED && format.getFrameSize() != frameSize) {
            throw new AudioException(Reason.CORRUPT, kind + " frame size does not match its sample format");
        }
        MonoBuffer out = new MonoBuffer(channels, limits.maxFrames(sampleRate));
        ByteOrder order = format.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] buf = new byte[frameSize * Math.max(1, 65536 / frameSize)];
        float[] frame = new float[channels];
        int pending = 0;
        long framesRead = 0;
        double intScale = 1.0 / (1L << (bits - 1));
        while (!out.isFull()) {
            int n = in.read(buf, pending, buf.length - pending);
            if (n < 0) {
                break;
            }
            int avail = pending + n;
            int whole = avail / frameSize;
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, whole * frameSize).order(order);
            for (int f = 0; f < whole && !out.isFull(); f++) {
                for (int c = 0; c < channels; c++) {
                    frame[c] = isFloat ? readFloat(bb, bits) : (float) (readInt(bb, bytesPerSample, order, unsigned) * intScale);
                }
                out.addFrame(frame);
                framesRead++;
            }
            pending = avail - whole * frameSize;
            System.arraycopy(buf, whole * frameSize, buf, 0, pending);
        }
        boolean truncatedByLimit = out.isFull();
        long declared = in.getFrameLength();
        if (!truncatedByLimit && declared != AudioSystem.NOT_SPECIFIED && declared > 0 && framesRead < declared) {
            throw new AudioException(Reason.TRUNCATED, kind + " declares " + declared + " frames but holds " + framesRead);
        }
        if (out.size() == 0) {
            throw new AudioException(Reason.EMPTY, kind + " contains no samples");
        }
        return new DecodedAudio(out.toArray(), sampleRate, channels, kind, truncatedByLimit);
    }

    static void checkShape(int channels, float rate, DecodeLimits limits) {
        if (channels < 1 || channels > limits.maxChannels()) {
            throw new AudioException(Reason.UNSUPPORTED, channels + " channels (limit " + limits.maxChannels() + ")");
        }
        if (!(rate >= DecodeLimits.MIN_SAMPLE_RATE) || rate > limits.maxSampleRate()) {
            throw new AudioException(Reason.UNSUPPORTED, "sampling rate " + rate + " Hz outside ["
                    + DecodeLimits.MIN_SAMPLE_RATE + ", " + limits.maxSampleRate() + "]");
        }
    }

    private static float readFloat(ByteBuffer bb, int bits) {
        return bits == 32 ? bb.getFloat() : (float) bb.getDouble();
    }

    private static long readInt(ByteBuffer bb, int bytes, ByteOrder order, boolean unsigned) {
        long v = 0;
        if (order == ByteOrder.LITTLE_ENDIAN) {
            for (int i = 0; i < bytes; i++) {
                v |= (long) (bb.get() & 0xff) << (8 * i);
            }
        } else {
            for (int i = 0; i < bytes; i++) {
                v = (v << 8) | (bb.get() & 0xff);
            }
        }
        int bits = bytes * 8;
        if (unsigned) {
            return v - (1L << (bits - 1));
        }
        return (v << (64 - bits)) >> (64 - bits); // sign-extend
    }
}
