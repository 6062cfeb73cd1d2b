package dev.timbre.audio;

import dev.timbre.audio.decode.AudioDecoding;
import dev.timbre.audio.decode.DecodedAudio;
import dev.timbre.audio.features.FeatureContract;
import dev.timbre.audio.features.LogMel;
import dev.timbre.audio.features.Mfcc;
import dev.timbre.audio.features.WindowTensor;
import dev.timbre.audio.filters.MelFilterbank;
import dev.timbre.audio.resample.PolyphaseResampler;
import dev.timbre.audio.window.AnalysisWindows;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The audio pipeline in one call: decode (format sniffed from content) → mono → 22 050 Hz →
 * 3 s windows → per window librosa-compatible log-mel (128 x 130) and MFCC (13 x 130).
 *
 * <p>Equivalent Python for one window {@code w} (after {@code y, _ = librosa.load(path, sr=22050)}):
 * <pre>
 * S  = librosa.feature.melspectrogram(y=w, sr=22050, n_fft=2048, hop_length=512, n_mels=128)
 * dB = librosa.power_to_db(S, ref=1.0, amin=1e-10, top_db=80.0)     # logMel, transposed
 * M  = librosa.feature.mfcc(S=dB, n_mfcc=13)                         # mfcc, transposed
 * </pre>
 * Thread-safe: immutable tables are shared; the FFT plan and its buffers are kept per thread.
 *
 * <p>Windows are transformed in place in the song (no copies). When the hop between windows is a
 * multiple of {@link #HOP_LENGTH}, overlapping windows have frames at the same song positions, and
 * a frame that lies wholly inside both windows (not in either's zero padding) is computed once and
 * shared; the results are identical to analysing each window on its own
 * ({@code AudioAnalyzerTest}). With the default hop (3 s) or 1.5 s no frame positions coincide.
 * All content problems are {@link AudioException}s; I/O problems of the caller's source are
 * {@link java.io.UncheckedIOException}s.
 */
public final class AudioAnalyzer {

    /** The feature definition this analyzer computes; every value below is the contract's. */
    public static final FeatureContract CONTRACT = FeatureContract.CURRENT;
    /** Identifies the feature definition; bump (in {@link FeatureContract}) when any output value could change. */
    public static final String EXTRACTOR_VERSION = CONTRACT.extractorVersion();
    public static final int SAMPLE_RATE = CONTRACT.sampleRate();
    public static final int N_FFT = CONTRACT.nFft();
    public static final int HOP_LENGTH = CONTRACT.hopLength();
    public static final int N_MELS = CONTRACT.nMels();
    public static final int N_MFCC = CONTRACT.nMfcc();
    public static final int WINDOW_SAMPLES = CONTRACT.windowSamples();  // 66 150
    public static final int FRAMES_PER_WINDOW = CONTRACT.frames();     // 1 + 66150/512 = 130
    public static final int MIN_SAMPLES = SAMPLE_RATE;                  // 1 s

    private static final AudioAnalyzer DEFAULTS = new AudioAnalyzer(AnalyzerSettings.DEFAULT);

    private final AnalyzerSettings settings;
    private final AudioDecoding decoding;
    private final AnalysisWindows windows;
    private final MelFilterbank melBank;
    private final Mfcc mfcc;
    private final ThreadLocal<LogMel> logMel;

    public AudioAnalyzer(AnalyzerSettings settings) {
        this.settings = settings;
        this.decoding = new AudioDecoding(settings.limits());
        this.windows = new AnalysisWindows(WINDOW_SAMPLES,
                (int) Math.round(settings.hopSeconds() * SAMPLE_RATE), MIN_SAMPLES);
        this.melBank = CONTRACT.melFilterbank();
        this.mfcc = CONTRACT.mfcc();
        // the very LogMel the librosa parity tests check, one per thread (it owns an STFT)
        this.logMel = ThreadLocal.withInitial(() -> CONTRACT.logMel(melBank));
    }

    /** Shared instance with {@link AnalyzerSettings#DEFAULT}. */
    public static AudioAnalyzer defaults() {
        return DEFAULTS;
    }

    public AnalyzerSettings settings() {
        return settings;
    }

    public List<WindowTensor> analyze(Path file) {
        return analyzeDecoded(decoding.decode(file));
    }

    /** Reads the stream to its end (bounded by the input-size limit); the caller closes it. */
    public List<WindowTensor> analyze(InputStream in) {
        return analyzeDecoded(decoding.decode(in));
    }

    public List<WindowTensor> analyze(byte[] encoded) {
        return analyzeDecoded(decoding.decode(encoded));
    }

    /** Analyses already-decoded mono samples at {@code sampleRate} (resampled if not 22 050 Hz). */
    public List<WindowTensor> analyze(float[] mono, int sampleRate) {
        return analyzeMono22050(toTargetRate(mono, sampleRate));
    }

    /** Like {@code librosa.load(path, sr=22050, mono=True)}: decoded, downmixed, resampled samples. */
    public float[] load(Path file) {
        DecodedAudio d = decoding.decode(file);
        return toTargetRate(d.samples(), d.sampleRate());
    }

    /** Decodes without resampling (format, channels, source rate, truncation flag). */
    public DecodedAudio decode(byte[] encoded) {
        return decoding.decode(encoded);
    }

    private List<WindowTensor> analyzeDecoded(DecodedAudio d) {
        return analyzeMono22050(toTargetRate(d.samples(), d.sampleRate()));
    }

    private static float[] toTargetRate(float[] mono, int sampleRate) {
        return sampleRate == SAMPLE_RATE ? mono : PolyphaseResampler.of(sampleRate, SAMPLE_RATE).resample(mono);
    }

    private List<WindowTensor> analyzeMono22050(float[] y) {
        int[] starts = windows.starts(y.length);
        LogMel spec = logMel.get();
        boolean aligned = windows.hopSamples() % HOP_LENGTH == 0 && windows.hopSamples() < WINDOW_SAMPLES;
        LogMel.SharedFrames shared = aligned ? spec.new SharedFrames(y.length, WINDOW_SAMPLES) : null;
        List<WindowTensor> out = new ArrayList<>(starts.length);
        for (int i = 0; i < starts.length; i++) {
            int from = starts[i];
            // past the song: zeros, like the padded window
            float[] db = spec.window(y, from, WINDOW_SAMPLES, shared);
            out.add(new WindowTensor(i, from / (double) SAMPLE_RATE, mfcc.fromLogMel(db), db));
        }
        return out;
    }
}
