package dev.timbre.audio.synth;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Synthetic "songs" for the 10 GTZAN genre names, used to train the shipped model and to build the
 * demo catalog without redistributing copyrighted audio.
 *
 * <p>Each genre is a recipe with its own tempo range, groove (straight, shuffle, swing, one-drop,
 * four-on-the-floor, blast of double kicks), drum kit tuning, harmony (dominant 7ths, triads,
 * extended jazz chords, power chords), instrument timbres (plucked strings, bowed pads, saws,
 * formant "vocals"), brightness, distortion, echo and noise floor — the cues MFCCs capture.
 * Everything random comes from one {@link SplittableRandom} seeded by {@code (genre, seed)}, so a
 * (genre, seed) pair always renders the same samples, while different seeds vary key, tempo (about
 * ±8 %), progression, part levels, brightness and pattern details — held-out seeds are new songs.
 */
public final class SyntheticGenres {

    /** The 10 GTZAN genre names, in the order the classifier's outputs use. */
    public static final List<String> GENRES = List.of(
            "blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock");

    public static final int SAMPLE_RATE = 22_050;

    private static final int[] MAJOR = {0, 4, 7};
    private static final int[] MINOR = {0, 3, 7};
    private static final int[] DOM7 = {0, 4, 7, 10};
    private static final int[] MIN7 = {0, 3, 7, 10};
    private static final int[] MAJ7 = {0, 4, 7, 11};
    private static final int[] MIN9 = {0, 3, 7, 10, 14};
    private static final int[] POWER = {0, 7, 12};

    private SyntheticGenres() {
    }

    /**
     * Renders {@code seconds} of mono audio at 22 050 Hz, peak-normalised to a seed-dependent level
     * in [0.5, 0.9].
     *
     * @param genre one of {@link #GENRES} (case-insensitive)
     * @param seed  any value; same (genre, seed, seconds) gives identical output on a given JVM
     *              (java.lang.Math may differ in the last bit across platforms)
     * @param seconds length in (0, 300]
     */
    public static float[] render(String genre, long seed, double seconds) {
        int g = GENRES.indexOf(genre.toLowerCase(Locale.ROOT));
        if (g < 0) {
            throw new IllegalArgumentException("unknown genre '" + genre + "', expected one of " + GENRES);
        }
        if (!(seconds > 0) || seconds > 300) {
            // Rendering keeps a few double buses in memory: ~90 MB per minute.
            throw new IllegalArgumentException("seconds must be in (0, 300]");
        }
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + g * 0xBF58476D1CE4E5B9L + 17);
        Song s = new Song(rnd, (int) Math.round(seconds * SAMPLE_RATE));
        switch (g) {
            case 0 -> blues(s);
            case 1 -> classical(s);
            case 2 -> country(s);
            case 3 -> disco(s);
            case 4 -> hiphop(s);
            case 5 -> jazz(s);
            case 6 -> metal(s);
            case 7 -> pop(s);
            case 8 -> reggae(s);
            default -> rock(s);
        }
        return s.master(0.5 + 0.4 * rnd.nextDouble());
    }

    // ---------------------------------------------------------------- recipes

    private static void blues(Song s) {
        s.setTempo(72, 96, 0.67);
        int[] prog = {0, 0, 0, 0, 5, 5, 0, 0, 7, 5, 0, 7};
        double bright = s.vary(0.45, 0.15);
        for (int bar = 0; bar < s.bars(); bar++) {
            int root = prog[bar % 12];
            drumsBackbeat(s, bar, 55, 0.15, 0.35, 0.8);
            // Shuffle comp: guitar chord on each beat and its swung "and", slightly overdriven.
            double[] chord = s.chord(s.key + root, DOM7, 0.28, (hz, d) -> Voices.pluck(hz, d, bright, 0.996, s.rnd, SAMPLE_RATE));
            Effects.distort(chord, 2.0);
            for (int b = 0; b < 4; b++) {
                s.hit(s.kit.hat(false), bar, b, 0.25);
                s.hit(s.kit.hat(false), bar, b + 0.5, 0.18);
                s.note(s.harm, chord, bar, b, 0.32);
                s.note(s.harm, chord, bar, b + 0.5, 0.22);
                // Walking-ish bass: root, third, fifth, sixth.
                int[] walk = {0, 4, 7, 9};
                double[] bass = Voices.pluck(Voices.midiToHz(s.key - 12 + root + walk[b]), s.beat * 0.9, 0.3, 0.999, s.rnd, SAMPLE_RATE);
                s.note(s.bass, bass, bar, b, 0.6);
            }
            // Sparse pentatonic lead phrases.
            int[] pent = {0, 3, 5, 6, 7, 10, 12};
            if (bar % 2 == 1) {
                for (int i = 0; i < 3; i++) {
                    double pos = 1 + i * 0.67 + s.rnd.nextInt(2) * 0.33;
                    double hz = Voices.midiToHz(s.key + 12 + pent[s.rnd.nextInt(pent.length)]);
                    double[] lead = Voices.additive(hz, s.beat * 0.9, new double[] {1, 0.6, 0.5, 0.3, 0.25, 0.15}, 5.5, 0.3, SAMPLE_RATE);
                    Effects.adsr(lead, 0.01, 0.1, 0.6, 0.1, SAMPLE_RATE);
                    Effects.distort(lead, 3.0);
                    s.note(s.lead, lead, bar, pos, 0.22);
                }
            }
        }
        Effects.reverb(s.harm.data, 1.0, 0.3, SAMPLE_RATE);
        s.noiseFloor(0.004);
    }

    private static void classical(Song s) {
        s.setTempo(60, 96, 0.5);
        boolean minor = s.rnd.nextBoolean();
        int[][] progs = {{0, 5, 7, 0}, {9, 2, 7, 0}, {0, 9, 5, 7}};
        int[] prog = progs[s.rnd.nextInt(progs.length)];
        double[] stringAmps = {1, 0.5, 0.33, 0.25, 0.2, 0.16, 0.12, 0.1};
        double[] pianoAmps = {1, 0.35, 0.15, 0.08, 0.04};
        for (int bar = 0; bar < s.bars(); bar++) {
            int root = prog[bar % prog.length];
            int[] q = minor && root == 0 ? MINOR : (root == 9 || root == 2 ? MINOR : MAJOR);
            // Bowed string pad: slow attack, vibrato, whole-bar notes.
            for (int iv : q) {
                double hz = Voices.midiToHz(s.key + root + iv);
                double[] pad = Voices.additive(hz, s.beat * 4.2, stringAmps, 5.0 + s.rnd.nextDouble(), 0.12, SAMPLE_RATE);
                Effects.adsr(pad, 0.35, 0.2, 0.8, 0.5, SAMPLE_RATE);
                s.note(s.harm, pad, bar, 0, 0.12);
            }
            double[] cello = Voices.additive(Voices.midiToHz(s.key - 12 + root), s.beat * 4.2, stringAmps, 4.5, 0.1, SAMPLE_RATE);
            Effects.adsr(cello, 0.3, 0.2, 0.85, 0.5, SAMPLE_RATE);
            s.note(s.bass, cello, bar, 0, 0.25);
            // Piano-like arpeggio in eighths over the chord.
            for (int i = 0; i < 8; i++) {
                int iv = q[i % q.length] + 12 * (i / q.length % 2);
                double[] pno = Voices.additive(Voices.midiToHz(s.key + 12 + root + iv), s.beat * 1.5, pianoAmps, 0, 0, SAMPLE_RATE);
                Effects.decay(pno, 0.45, SAMPLE_RATE);
                s.note(s.lead, pno, bar, i * 0.5, 0.18 * (0.8 + 0.4 * s.rnd.nextDouble()));
            }
        }
        // Concert-hall reverb and slow dynamic swells instead of drums.
        Effects.reverb(s.harm.data, 2.0, 0.6, SAMPLE_RATE);
        Effects.reverb(s.lead.data, 2.0, 0.5, SAMPLE_RATE);
        s.swell(0.08 + 0.05 * s.rnd.nextDouble());
        s.noiseFloor(0.0005);
    }

    private static void country(Song s) {
        s.setTempo(96, 126, 0.5);
        int[] prog = {0, 5, 0, 7};
        double bright = s.vary(0.9, 0.08);
        for (int bar = 0; bar < s.bars(); bar++) {
            int root = prog[bar % prog.length];
            for (int b = 0; b < 4; b++) {
                if (b % 2 == 0) {
                    s.hit(s.kit.kick(70, 0.09, 0.1), bar, b, 0.6);
                } else {
                    s.hit(s.kit.rim(), bar, b, 0.45);
                }
                s.hit(s.kit.hat(false), bar, b + 0.5, 0.12);
                // Boom-chick bass: root / fifth alternating.
                int bassNote = (b % 2 == 0) ? (b == 0 ? 0 : 7) : -1;
                if (bassNote >= 0) {
                    s.note(s.bass, Voices.pluck(Voices.midiToHz(s.key - 12 + root + bassNote), s.beat * 0.8, 0.45, 0.998, s.rnd, SAMPLE_RATE), bar, b, 0.6);
                }
                // Bright acoustic strums on the "chick" and eighths.
                double[] strum = s.strum(s.key + root, MAJOR, 0.35, 0.012, (hz, d) -> Voices.pluck(hz, d, bright, 0.995, s.rnd, SAMPLE_RATE));
                s.note(s.harm, strum, bar, b + 0.5, 0.3);
                if (b % 2 == 1) {
                    s.note(s.harm, strum, bar, b, 0.3);
                }
            }
            // Fiddle: saw with vibrato through a body resonance.
            if (bar % 4 >= 2) {
                int[] scale = {0, 2, 4, 7, 9, 12};
                for (int i = 0; i < 4; i++) {
                    double hz = Voices.midiToHz(s.key + 12 + root + scale[s.rnd.nextInt(scale.length)]);
                    double[] f = Voices.saw(hz, s.beat * 0.95, 1, 0, s.rnd, SAMPLE_RATE);
                    Effects.bandpass(f, 2500, 0.8, SAMPLE_RATE);
                    Effects.adsr(f, 0.05, 0.1, 0.8, 0.1, SAMPLE_RATE);
                    s.note(s.lead, f, bar, i, 0.5);
                }
            }
        }
        Effects.reverb(s.lead.data, 1.0, 0.25, SAMPLE_RATE);
        s.noiseFloor(0.002);
    }

    private static void disco(Song s) {
        s.setTempo(114, 130, 0.5);
        int[] roots = s.rnd.nextBoolean() ? new int[] {0, 5} : new int[] {0, 10};
        for (int bar = 0; bar < s.bars(); bar++) {
            int root = roots[bar % roots.length];
            for (int b = 0; b < 4; b++) {
                s.hit(s.kit.kick(58, 0.11, 0.15), bar, b, 0.85);           // four on the floor
                s.hit(s.kit.hat(true), bar, b + 0.5, 0.3);                  // open hat offbeats
                s.hit(s.kit.hat(false), bar, b + 0.25, 0.1);
                s.hit(s.kit.hat(false), bar, b + 0.75, 0.1);
                if (b % 2 == 1) {
                    s.hit(s.kit.clap(), bar, b, 0.5);
                }
                // Octave bass in eighths.
                for (int e = 0; e < 2; e++) {
                    double hz = Voices.midiToHz(s.key - 12 + root + 12 * e);
                    double[] bs = Voices.saw(hz, s.beat * 0.45, 1, 0, s.rnd, SAMPLE_RATE);
                    Effects.lowpass(bs, 900, SAMPLE_RATE);
                    Effects.adsr(bs, 0.005, 0.1, 0.5, 0.05, SAMPLE_RATE);
                    s.note(s.bass, bs, bar, b + 0.5 * e, 0.8);
                }
            }
            // String stabs: bright detuned saws on the upbeat of 2 and 4.
            double[] stab = s.chord(s.key + 12 + root, MIN7, s.beat * 0.5, (hz, d) -> Voices.saw(hz, d, 3, 12, s.rnd, SAMPLE_RATE));
            Effects.adsr(stab, 0.01, 0.1, 0.6, 0.08, SAMPLE_RATE);
            s.note(s.harm, stab, bar, 1.5, 0.28);
            s.note(s.harm, stab, bar, 3.5, 0.28);
        }
        Effects.reverb(s.harm.data, 1.2, 0.4, SAMPLE_RATE);
        s.noiseFloor(0.002);
    }

    private static void hiphop(Song s) {
        s.setTempo(80, 96, 0.5);
        double swing16 = 0.56 + 0.06 * s.rnd.nextDouble();
        int[] roots = {0, 8, 3, 10};
        for (int bar = 0; bar < s.bars(); bar++) {
            int root = roots[bar % roots.length];
            // Boom-bap kick pattern with a late kick, snare on 2 and 4.
            double[] kicks = s.rnd.nextBoolean() ? new double[] {0, 1.75, 2.5} : new double[] {0, 0.75, 2.25, 2.5};
            for (double k : kicks) {
                s.hit(s.kit.kick(48, 0.35, 0.05), bar, k, 0.9);
            }
            s.hit(s.kit.snare(0.09, 0.9), bar, 1, 0.55);
            s.hit(s.kit.snare(0.09, 0.9), bar, 3, 0.55);
            for (int i = 0; i < 16; i++) {
                double pos = i / 4.0;
                if (i % 2 == 1) {
                    pos += (swing16 - 0.5) * 0.5; // swung sixteenths
                }
                s.hit(s.kit.hat(false), bar, pos, i % 4 == 0 ? 0.16 : 0.09);
            }
            // 808 sub bass: long sine glides under the kick.
            double[] sub = Voices.sine(Voices.midiToHz(s.key - 24 + root), s.beat * 3.5, SAMPLE_RATE);
            Effects.adsr(sub, 0.005, 0.3, 0.7, 0.4, SAMPLE_RATE);
            Effects.distort(sub, 1.5);
            s.note(s.bass, sub, bar, 0, 0.75);
            // Dusty Rhodes-like chords, dark.
            double[] keys = s.chord(s.key + root, MIN9, s.beat * 3.8, (hz, d) -> Voices.additive(hz, d, new double[] {1, 0.25, 0.05}, 4.0, 0.04, SAMPLE_RATE));
            Effects.decay(keys, 1.2, SAMPLE_RATE);
            Effects.lowpass(keys, 1800, SAMPLE_RATE);
            s.note(s.harm, keys, bar, 0, 0.2);
        }
        s.vinyl(0.012);
    }

    private static void jazz(Song s) {
        s.setTempo(110, 180, 0.66);
        int[] roots = {2, 7, 0, 9};
        int[][] quals = {MIN7, DOM7, MAJ7, DOM7};
        double[] pianoAmps = {1, 0.4, 0.2, 0.1, 0.05};
        for (int bar = 0; bar < s.bars(); bar++) {
            int ci = bar % 4;
            int root = roots[ci];
            // Ride "ding, ding-a ding, ding-a", hi-hat foot on 2 and 4, feathered kick.
            double[] ridePos = {0, 1, 1.5, 2, 3, 3.5};
            for (double p : ridePos) {
                s.hit(s.kit.ride(), bar, p, p % 1 == 0 ? 0.22 : 0.14);
            }
            s.hit(s.kit.hat(false), bar, 1, 0.12);
            s.hit(s.kit.hat(false), bar, 3, 0.12);
            for (int b = 0; b < 4; b++) {
                s.hit(s.kit.kick(60, 0.08, 0), bar, b, 0.12);
            }
            if (s.rnd.nextDouble() < 0.5) {
                s.hit(s.kit.brush(s.beat), bar, 2 + s.rnd.nextInt(2) * 0.5, 0.08);
            }
            // Walking bass: chord tones with a chromatic approach into the next bar.
            int next = roots[(ci + 1) % 4];
            int[] walk = {0, quals[ci][1], quals[ci][2], next + (s.rnd.nextBoolean() ? 1 : -1) - root};
            for (int b = 0; b < 4; b++) {
                double[] bs = Voices.pluck(Voices.midiToHz(s.key - 12 + root + walk[b]), s.beat * 0.95, 0.35, 0.9985, s.rnd, SAMPLE_RATE);
                s.note(s.bass, bs, bar, b, 0.65);
            }
            // Piano comping: extended voicing, syncopated.
            double[] comp = s.chord(s.key + root, quals[ci], s.beat * 1.2, (hz, d) -> Voices.additive(hz, d, pianoAmps, 0, 0, SAMPLE_RATE));
            Effects.decay(comp, 0.5, SAMPLE_RATE);
            s.note(s.harm, comp, bar, 0.5 + s.rnd.nextInt(2), 0.18);
            s.note(s.harm, comp, bar, 2.5 + s.rnd.nextInt(2) * 0.5, 0.14);
            // Breathy sax-like lead now and then.
            if (bar % 4 < 2) {
                int[] scale = {0, 2, 3, 5, 7, 9, 10};
                for (int i = 0; i < 4; i++) {
                    double hz = Voices.midiToHz(s.key + 12 + root + scale[s.rnd.nextInt(scale.length)]);
                    double[] sax = Voices.square(hz, s.beat * 0.9, SAMPLE_RATE);
                    Effects.lowpass(sax, 1400, SAMPLE_RATE);
                    Effects.adsr(sax, 0.04, 0.1, 0.7, 0.1, SAMPLE_RATE);
                    s.note(s.lead, sax, bar, i + (i % 2) * 0.16, 0.25);
                }
            }
        }
        Effects.reverb(s.harm.data, 1.3, 0.35, SAMPLE_RATE);
        s.noiseFloor(0.003);
    }

    private static void metal(Song s) {
        s.setTempo(150, 200, 0.5);
        int[] roots = {0, 8, 10, 0};
        double drive = s.vary(18, 4);
        for (int bar = 0; bar < s.bars(); bar++) {
            int root = roots[bar % roots.length];
            for (int i = 0; i < 8; i++) {
                s.hit(s.kit.kick(65, 0.05, 0.6), bar, i * 0.5, 0.55);      // double-kick eighths
            }
            s.hit(s.kit.snare(0.1, 1.2), bar, 1, 0.7);
            s.hit(s.kit.snare(0.1, 1.2), bar, 3, 0.7);
            if (bar % 2 == 0) {
                s.hit(s.kit.crash(), bar, 0, 0.4);
            }
            for (int b = 0; b < 4; b++) {
                s.hit(s.kit.hat(true), bar, b, 0.15);
            }
            // Palm-muted power-chord chugs in eighths, heavily distorted, low tuning.
            for (int i = 0; i < 8; i++) {
                boolean accent = i == 0 || i == 3 || i == 6;
                double len = accent ? s.beat * 0.48 : s.beat * 0.2;
                double[] pc = s.chord(s.key - 12 + root, POWER, len, (hz, d) -> Voices.saw(hz, d, 2, 8, s.rnd, SAMPLE_RATE));
                Effects.distort(pc, drive);
                Effects.adsr(pc, 0.002, 0.05, 0.8, 0.02, SAMPLE_RATE);
                s.note(s.harm, pc, bar, i * 0.5, accent ? 0.4 : 0.28);
            }
            double[] bass = Voices.saw(Voices.midiToHz(s.key - 24 + root), s.beat * 4, 1, 0, s.rnd, SAMPLE_RATE);
            Effects.distort(bass, 4);
            Effects.lowpass(bass, 600, SAMPLE_RATE);
            s.note(s.bass, bass, bar, 0, 0.4);
        }
        Effects.highpass(s.harm.data, 120, SAMPLE_RATE);
        s.noiseFloor(0.01);
    }

    private static void pop(Song s) {
        s.setTempo(100, 126, 0.5);
        int[] roots = {0, 7, 9, 5};
        int[][] quals = {MAJOR, MAJOR, MINOR, MAJOR};
        double[][] vowels = {{730, 1090}, {270, 2290}, {530, 1840}, {570, 840}, {300, 870}};
        for (int bar = 0; bar < s.bars(); bar++) {
            int ci = bar % 4;
            int root = roots[ci];
            s.hit(s.kit.kick(55, 0.12, 0.2), bar, 0, 0.8);
            s.hit(s.kit.kick(55, 0.12, 0.2), bar, 2, 0.8);
            s.hit(s.kit.kick(55, 0.12, 0.2), bar, 2.5, 0.5);
            s.hit(s.kit.clap(), bar, 1, 0.45);
            s.hit(s.kit.snare(0.08, 0.7), bar, 3, 0.45);
            for (int e = 0; e < 8; e++) {
                s.hit(s.kit.hat(false), bar, e * 0.5, 0.12);
            }
            // Synth bass on eighths.
            for (int e = 0; e < 8; e++) {
                double[] bs = Voices.square(Voices.midiToHz(s.key - 12 + root), s.beat * 0.4, SAMPLE_RATE);
                Effects.lowpass(bs, 700, SAMPLE_RATE);
                Effects.adsr(bs, 0.005, 0.08, 0.6, 0.03, SAMPLE_RATE);
                s.note(s.bass, bs, bar, e * 0.5, 0.35);
            }
            // Supersaw pad.
            double[] pad = s.chord(s.key + root, quals[ci], s.beat * 4, (hz, d) -> Voices.saw(hz, d, 5, 18, s.rnd, SAMPLE_RATE));
            Effects.lowpass(pad, 3500, SAMPLE_RATE);
            Effects.adsr(pad, 0.05, 0.3, 0.7, 0.2, SAMPLE_RATE);
            s.note(s.harm, pad, bar, 0, 0.2);
            // "Vocal" melody: saw through two formant band-passes, vowels changing per note.
            int[] scale = {0, 2, 4, 7, 9, 12};
            for (int i = 0; i < 4; i++) {
                double hz = Voices.midiToHz(s.key + 12 + root + scale[s.rnd.nextInt(scale.length)]);
                double[] src = Voices.saw(hz, s.beat * 0.95, 1, 0, s.rnd, SAMPLE_RATE);
                double[] v = vowels[s.rnd.nextInt(vowels.length)];
                double[] f1 = Effects.bandpass(src.clone(), v[0], 5, SAMPLE_RATE);
                double[] f2 = Effects.bandpass(src, v[1], 6, SAMPLE_RATE);
                for (int k = 0; k < f1.length; k++) {
                    f1[k] = f1[k] + 0.6 * f2[k];
                }
                Effects.adsr(f1, 0.04, 0.1, 0.8, 0.08, SAMPLE_RATE);
                s.note(s.lead, f1, bar, i, 1.2);
            }
        }
        Effects.reverb(s.lead.data, 1.2, 0.35, SAMPLE_RATE);
        s.noiseFloor(0.001);
    }

    private static void reggae(Song s) {
        s.setTempo(64, 82, 0.58);
        int[] roots = s.rnd.nextBoolean() ? new int[] {0, 5} : new int[] {0, 10};
        boolean minor = s.rnd.nextBoolean();
        for (int bar = 0; bar < s.bars(); bar++) {
            int root = roots[(bar / 2) % roots.length];
            // One drop: kick and rim together on beat 3 only.
            s.hit(s.kit.kick(60, 0.15, 0.05), bar, 2, 0.8);
            s.hit(s.kit.rim(), bar, 2, 0.5);
            for (int e = 0; e < 8; e++) {
                s.hit(s.kit.hat(false), bar, e * 0.5, e % 2 == 1 ? 0.12 : 0.07);
            }
            // Skank: short, bright chord on every offbeat.
            double[] skank = s.chord(s.key + 12 + root, minor ? MINOR : MAJOR, 0.09, (hz, d) -> Voices.pluck(hz, d, 0.95, 0.99, s.rnd, SAMPLE_RATE));
            Effects.highpass(skank, 500, SAMPLE_RATE);
            for (int b = 0; b < 4; b++) {
                s.note(s.harm, skank, bar, b + 0.5, 0.45);
            }
            // Deep melodic bass with rests.
            double[] pos = {0, 0.75, 1.5, 2.5, 3};
            int[] line = {0, 0, 7, 5, 3};
            for (int i = 0; i < pos.length; i++) {
                if (s.rnd.nextDouble() < 0.15) {
                    continue;
                }
                double[] bs = Voices.additive(Voices.midiToHz(s.key - 24 + root + line[i]), s.beat * 0.6, new double[] {1, 0.3, 0.1}, 0, 0, SAMPLE_RATE);
                Effects.adsr(bs, 0.01, 0.1, 0.8, 0.08, SAMPLE_RATE);
                s.note(s.bass, bs, bar, pos[i], 0.9);
            }
        }
        // Dub delay on the skank at a dotted eighth.
        Effects.echo(s.harm.data, s.beat * 0.75, 0.45, 0.5, SAMPLE_RATE);
        s.noiseFloor(0.003);
    }

    private static void rock(Song s) {
        s.setTempo(108, 142, 0.5);
        int[][] progs = {{0, 10, 5, 0}, {0, 5, 7, 5}, {0, 7, 9, 5}};
        int[] roots = progs[s.rnd.nextInt(progs.length)];
        double drive = s.vary(5, 1.5);
        for (int bar = 0; bar < s.bars(); bar++) {
            int root = roots[bar % roots.length];
            s.hit(s.kit.kick(60, 0.1, 0.3), bar, 0, 0.8);
            s.hit(s.kit.kick(60, 0.1, 0.3), bar, 2, 0.8);
            s.hit(s.kit.kick(60, 0.1, 0.3), bar, 2.5, 0.6);
            s.hit(s.kit.snare(0.12, 1.0), bar, 1, 0.65);
            s.hit(s.kit.snare(0.12, 1.0), bar, 3, 0.65);
            for (int e = 0; e < 8; e++) {
                s.hit(s.kit.hat(false), bar, e * 0.5, 0.15);
            }
            if (bar % 4 == 0) {
                s.hit(s.kit.crash(), bar, 0, 0.35);
            }
            // Crunchy power chords in eighths.
            double[] pc = s.chord(s.key + root, POWER, s.beat * 0.48, (hz, d) -> Voices.saw(hz, d, 2, 6, s.rnd, SAMPLE_RATE));
            Effects.distort(pc, drive);
            Effects.lowpass(pc, 4000, SAMPLE_RATE);
            Effects.adsr(pc, 0.003, 0.05, 0.85, 0.03, SAMPLE_RATE);
            for (int e = 0; e < 8; e++) {
                s.note(s.harm, pc, bar, e * 0.5, 0.3);
            }
            for (int e = 0; e < 8; e++) {
                double[] bs = Voices.pluck(Voices.midiToHz(s.key - 12 + root), s.beat * 0.48, 0.5, 0.998, s.rnd, SAMPLE_RATE);
                s.note(s.bass, bs, bar, e * 0.5, 0.5);
            }
        }
        Effects.reverb(s.harm.data, 1.0, 0.2, SAMPLE_RATE);
        s.noiseFloor(0.004);
    }

    private static void drumsBackbeat(Song s, int bar, double kickHz, double kickTau, double snareTau, double snareLevel) {
        s.hit(s.kit.kick(kickHz, kickTau, 0.1), bar, 0, 0.6);
        s.hit(s.kit.kick(kickHz, kickTau, 0.1), bar, 2, 0.6);
        s.hit(s.kit.snare(snareTau * 0.3, 0.6), bar, 1, 0.35 * snareLevel);
        s.hit(s.kit.snare(snareTau * 0.3, 0.6), bar, 3, 0.35 * snareLevel);
    }

    // ---------------------------------------------------------------- per-song state

    /** Tempo grid, key, random source and the mix buses of one song. */
    private static final class Song {

        final SplittableRandom rnd;
        final int length;
        final DrumKit kit;
        final Track drums;
        final Track bass;
        final Track harm;
        final Track lead;
        final double[] levels;
        final int key;
        double beat;
        double swing;
        double offset;

        Song(SplittableRandom rnd, int length) {
            this.rnd = rnd;
            this.length = length;
            this.kit = new DrumKit(SAMPLE_RATE, rnd);
            this.drums = new Track(SAMPLE_RATE, length);
            this.bass = new Track(SAMPLE_RATE, length);
            this.harm = new Track(SAMPLE_RATE, length);
            this.lead = new Track(SAMPLE_RATE, length);
            this.key = 52 + rnd.nextInt(12); // E3 .. D#4
            this.levels = new double[4];
            for (int i = 0; i < 4; i++) {
                levels[i] = Math.pow(10, (rnd.nextDouble() * 6 - 3) / 20); // +-3 dB per bus
            }
        }

        /** Picks a tempo in [lo, hi] BPM and the eighth-note swing ratio (0.5 straight, 0.67 triplet). */
        void setTempo(double lo, double hi, double swingRatio) {
            double bpm = lo + (hi - lo) * rnd.nextDouble();
            this.beat = 60.0 / bpm;
            this.swing = swingRatio;
            this.offset = -rnd.nextDouble() * beat * 4; // start mid-bar sometimes
        }

        double vary(double centre, double spread) {
            return centre + spread * (rnd.nextDouble() * 2 - 1);
        }

        int bars() {
            return (int) Math.ceil((length / (double) SAMPLE_RATE - offset) / (4 * beat)) + 1;
        }

        /** Seconds of a position in beats within a bar, with eighth-note swing and a little human timing. */
        double at(int bar, double beatPos) {
            double whole = Math.floor(beatPos);
            double frac = beatPos - whole;
            if (Math.abs(frac - 0.5) < 1e-9) {
                frac = swing;
            }
            return offset + (bar * 4 + whole + frac) * beat + (rnd.nextDouble() - 0.5) * 0.006;
        }

        void hit(double[] sound, int bar, double beatPos, double gain) {
            drums.add(at(bar, beatPos), sound, gain);
        }

        void note(Track track, double[] sound, int bar, double beatPos, double gain) {
            track.add(at(bar, beatPos), sound, gain);
        }

        interface Source {
            double[] make(double hz, double seconds);
        }

        double[] chord(int rootMidi, int[] intervals, double seconds, Source src) {
            return strum(rootMidi, intervals, seconds, 0, src);
        }

        /** Chord with each string delayed by {@code spread} seconds (a strum). */
        double[] strum(int rootMidi, int[] intervals, double seconds, double spread, Source src) {
            int n = (int) ((seconds + spread * intervals.length) * SAMPLE_RATE);
            double[] out = new double[n];
            for (int i = 0; i < intervals.length; i++) {
                double[] v = src.make(Voices.midiToHz(rootMidi + intervals[i]), seconds);
                int off = (int) (i * spread * SAMPLE_RATE);
                for (int k = 0; k < v.length && off + k < n; k++) {
                    out[off + k] += v[k] / intervals.length;
                }
            }
            return out;
        }

        void noiseFloor(double level) {
            double[] nz = Effects.noise(length, rnd);
            Effects.lowpass(nz, 8000, SAMPLE_RATE);
            lead.add(0, nz, level);
        }

        /** Vinyl: hiss plus sparse crackle impulses. */
        void vinyl(double level) {
            noiseFloor(level);
            for (int i = 0; i < length; i++) {
                if (rnd.nextDouble() < 0.0004) {
                    lead.data[i] += (rnd.nextDouble() - 0.5) * 0.3;
                }
            }
        }

        /** Slow loudness swells (orchestral dynamics) across the whole mix. */
        void swell(double hz) {
            double phase = rnd.nextDouble() * 2 * Math.PI;
            for (Track t : new Track[] {bass, harm, lead}) {
                for (int i = 0; i < length; i++) {
                    t.data[i] *= 0.6 + 0.4 * Math.sin(2 * Math.PI * hz * i / SAMPLE_RATE + phase);
                }
            }
        }

        float[] master(double peakLevel) {
            double[] mix = new double[length];
            Track[] buses = {drums, bass, harm, lead};
            for (int b = 0; b < buses.length; b++) {
                double[] d = buses[b].data;
                for (int i = 0; i < length; i++) {
                    mix[i] += d[i] * levels[b];
                }
            }
            double peak = Effects.peak(mix);
            double g = peak > 0 ? peakLevel / peak : 0;
            float[] out = new float[length];
            for (int i = 0; i < length; i++) {
                out[i] = (float) (mix[i] * g);
            }
            return out;
        }
    }
}
