package dev.timbre.trainer.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.timbre.audio.synth.SyntheticGenres;
import dev.timbre.trainer.data.Augmentation;
import dev.timbre.trainer.data.SongSources;
import dev.timbre.trainer.data.SplitMode;
import dev.timbre.trainer.export.ModelCard;
import dev.timbre.trainer.train.BatchAugmenter;
import dev.timbre.trainer.model.Architecture;
import dev.timbre.trainer.run.TrainingRun;
import dev.timbre.trainer.train.TrainingOptions;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code timbre-trainer}: trains, evaluates and exports the genre CNN. */
@Command(name = "timbre-trainer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Trains the genre CNN on labelled audio (or synthetic songs), evaluates it on held-out "
                + "songs and exports a TensorFlow SavedModel + model.json for the classification service.")
public final class TrainCommand implements Callable<Integer> {

    static final class Source {
        @Option(names = "--data", paramLabel = "ROOT", description = "labelled audio: every <genre>/<audio> folder at "
                + "any depth under ROOT (repeatable); train/ valid/ test/ folders above them are the split")
        List<Path> data;

        @Option(names = "--synthetic", paramLabel = "N", description = "N SyntheticGenres songs per genre")
        Integer synthetic;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--split", defaultValue = "folders",
            description = "folders (the data's train/ valid/ test/ folders, default) | random (only for data without "
                    + "parts; stratified by song, labelled so in the report)")
    String split;

    @Option(names = "--synthetic-genres", split = ",", paramLabel = "G,G,...",
            description = "with --synthetic: only these SyntheticGenres genres (default: all 10)")
    List<String> syntheticGenres;

    @Option(names = "--seconds", defaultValue = "30", description = "length of each synthetic song (default ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--augment", description = "perturb each synthetic song: random gain 0..-12 dB and white noise at 20..45 dB SNR")
    boolean augment;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "output folder: <out>/genre-cnn (SavedModel + model.json) and <out>/report")
    Path out;

    @Option(names = "--model-dir", paramLabel = "DIR", description = "SavedModel folder (default <out>/genre-cnn)")
    Path modelDir;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "report folder (default <out>/report)")
    Path reportDir;

    @Option(names = "--model", defaultValue = "shortchunk",
            description = "architecture to export: shortchunk (log-mel) | reference (the seed's MFCC CNN) | strong "
                    + "(default ${DEFAULT-VALUE}); reference is trained in the same run as the baseline")
    String model;

    @Option(names = "--filters", split = ",", paramLabel = "F,F,...", description = "conv filters of the exported model's blocks")
    int[] filters;

    @Option(names = "--contrast-channel", description = "short-chunk: add each band minus its window mean as a second input channel")
    boolean contrast;

    @Option(names = "--no-baseline", description = "do not train reference beside the exported model")
    boolean noBaseline;

    @Option(names = "--compare-strong", description = "with --model reference, also train 'strong' for comparison")
    boolean compareStrong;

    @Option(names = "--recipe", paramLabel = "plain|recordings",
            description = "recordings (balanced sampling, augmentation, cosine schedule, selection on validation balanced "
                    + "accuracy; default with --data) | plain (shuffled windows, constant rate, selection on validation "
                    + "loss; default with --synthetic)")
    String recipe;

    @Option(names = "--hop", paramLabel = "SECONDS",
            description = "training windows start every SECONDS (0.5, 0.75, 1, 1.5, 3; default 0.5 with --data, 3 with "
                    + "--synthetic); evaluation always uses the service's 3 s windows")
    Double hop;

    @Option(names = "--l2", description = "L2 penalty on the kernels (recordings recipe default 1e-4)")
    Float l2;

    @Option(names = "--ema", paramLabel = "DECAY", description = "validate and export a moving average of the weights "
            + "(recordings recipe default 0.998); 0 = off")
    Float ema;

    @Option(names = "--mixup", paramLabel = "ALPHA", description = "mixup Beta(alpha, alpha); 0 = off")
    Double mixup;

    @Option(names = "--eq", paramLabel = "DB", description = "log-mel: random equaliser curves of up to DB dB")
    Double eq;

    @Option(names = "--low-pass", paramLabel = "P", description = "log-mel: share of windows rolled off above a random cutoff")
    Double lowPass;

    @Option(names = "--frequency-shift", paramLabel = "BANDS", description = "log-mel: shift each window by up to BANDS mel bands")
    Integer freqShift;

    @Option(names = "--steps-per-epoch", defaultValue = "0", description = "0 = one pass over the training windows")
    int stepsPerEpoch;

    @Option(names = "--evaluate-on", paramLabel = "DIR",
            description = "after export, score the model with evaluate on this labelled folder (repeatable); the figures "
                    + "go into model.json and the report")
    List<Path> evaluateOn;

    @Option(names = "--epochs", defaultValue = "40", description = "maximum epochs (default ${DEFAULT-VALUE})")
    int epochs;

    @Option(names = "--patience", defaultValue = "5", description = "early-stopping patience in epochs (default ${DEFAULT-VALUE})")
    int patience;

    @Option(names = "--min-epochs", defaultValue = "10",
            description = "early stopping starts counting after this epoch (default ${DEFAULT-VALUE})")
    int minEpochs;

    @Option(names = "--batch-size", defaultValue = "32")
    int batchSize;

    @Option(names = "--learning-rate", defaultValue = "0.001")
    float learningRate;

    @Option(names = "--seed", defaultValue = "42", description = "seeds data, split, init, shuffles, dropout")
    long seed;

    @Option(names = "--threads", defaultValue = "1", description = "TensorFlow CPU threads; 1 = bit-reproducible")
    int threads;

    @Option(names = "--workers", defaultValue = "2", description = "feature-extraction threads")
    int workers;

    @Option(names = "--train-fraction", defaultValue = "0.7", description = "random split only")
    double trainFraction;

    @Option(names = "--validation-fraction", defaultValue = "0.15", description = "random split only")
    double validationFraction;

    @Override
    public Integer call() throws Exception {
        Architecture main = Architecture.named(model);
        if (filters != null) {
            main = main.withFilters(filters);
        }
        if (contrast) {
            main = main.withContrastChannel(true);
        }
        List<Architecture> architectures = new ArrayList<>(List.of(main));
        if (!main.name().equals("reference") && !noBaseline) {
            architectures.add(Architecture.reference());
        } else if (main.name().equals("reference") && compareStrong) {
            architectures.add(Architecture.strong());
        }
        boolean real = source.data != null;
        double hopSeconds = hop != null ? hop : real ? 0.5 : SongSources.SERVICE_HOP_SECONDS;
        SongSources sources = new SongSources(workers, System.out, hopSeconds);
        SongSources.Loaded data = real
                ? sources.folders(source.data, SplitMode.named(split))
                : sources.synthetic(syntheticGenres == null ? SyntheticGenres.GENRES : syntheticGenres, source.synthetic,
                        seconds, seed, augment ? Augmentation.standard() : Augmentation.NONE);
        data.skipped().forEach(s -> System.out.println("skipped: " + s));
        String recipeName = recipe != null ? recipe : real ? "recordings" : "plain";
        TrainingOptions.Recipe r = switch (recipeName) {
            case "recordings" -> TrainingOptions.Recipe.recordings(stepsPerEpoch);
            case "plain" -> new TrainingOptions.Recipe(false, stepsPerEpoch, BatchAugmenter.Options.NONE, false,
                    TrainingOptions.Selection.LOSS, 0f, 0f);
            default -> throw new IllegalArgumentException("unknown recipe '" + recipeName + "' (plain|recordings)");
        };
        if (l2 != null) {
            r = r.withL2(l2);
        }
        if (ema != null) {
            r = r.withEmaDecay(ema);
        }
        if (mixup != null || freqShift != null || eq != null || lowPass != null) {
            BatchAugmenter.Options a = r.augmentation();
            r = r.withAugmentation(new BatchAugmenter.Options(a.maxGainDb(), a.minSnrDb(), a.noiseProbability(), a.timeMasks(),
                    a.maxTimeMask(), a.freqMasks(), a.maxFreqMask(), mixup != null ? mixup : a.mixupAlpha(),
                    freqShift != null ? freqShift : a.maxFrequencyShift(), eq != null ? eq : a.maxEqDb(),
                    lowPass != null ? lowPass : a.lowPassProbability()));
        }
        TrainingOptions options = new TrainingOptions(epochs, patience, minEpochs, batchSize, learningRate, seed, threads, r);
        Path models = modelDir != null ? modelDir : out.resolve("genre-cnn");
        Path reports = reportDir != null ? reportDir : out.resolve("report");
        new TrainingRun(options, System.out).run(data, trainFraction, validationFraction, architectures, models, reports);
        if (evaluateOn != null) {
            Map<String, Object> card = ModelCard.read(models);
            @SuppressWarnings("unchecked")
            Map<String, Object> evaluation = (Map<String, Object>) card.get("evaluation");
            for (Path dir : evaluateOn) {
                String name = partName(dir, source.data);
                EvaluateCommand.Result scored = EvaluateCommand.evaluate(models, List.of(dir),
                        reports.resolve("evaluate-" + name.replace('/', '-')), workers);
                System.out.println(name + ": " + scored.summaryLine());
                evaluation.put(name, scored.figures("evaluate " + name + " (the service's windows and song aggregation)"));
            }
            ModelCard.write(models, card);
        }
        return 0;
    }

    /** {@code valid}, {@code extra/fma}: the folder below the data root it lies in, else its own name. */
    static String partName(Path dir, List<Path> roots) {
        Path d = dir.toAbsolutePath().normalize();
        if (roots != null) {
            for (Path root : roots) {
                Path r = root.toAbsolutePath().normalize();
                if (d.startsWith(r) && !d.equals(r)) {
                    return r.relativize(d).toString().replace('\\', '/');
                }
            }
        }
        return d.getFileName().toString();
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainCommand()).execute(args));
    }
}
