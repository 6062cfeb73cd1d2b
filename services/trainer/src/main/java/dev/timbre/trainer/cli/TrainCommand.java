package dev.timbre.trainer.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.timbre.trainer.data.SongSources;
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
        @Option(names = "--data", paramLabel = "DIR", description = "folder of <genre>/<audio file>")
        Path data;

        @Option(names = "--synthetic", paramLabel = "N", description = "N SyntheticGenres songs per genre")
        Integer synthetic;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

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

    @Option(names = "--model", defaultValue = "reference",
            description = "architecture to export: reference | strong (default ${DEFAULT-VALUE}); "
                    + "strong is always compared against reference in the same run")
    String model;

    @Option(names = "--compare-strong", description = "with --model reference, also train 'strong' for comparison")
    boolean compareStrong;

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

    @Option(names = "--train-fraction", defaultValue = "0.7")
    double trainFraction;

    @Option(names = "--validation-fraction", defaultValue = "0.15")
    double validationFraction;

    @Override
    public Integer call() throws Exception {
        Architecture main = Architecture.named(model);
        List<Architecture> architectures = new ArrayList<>(List.of(main));
        if (!main.name().equals("reference")) {
            architectures.add(Architecture.reference());
        } else if (compareStrong) {
            architectures.add(Architecture.strong());
        }
        SongSources sources = new SongSources(workers, System.out);
        SongSources.Loaded data = source.data != null
                ? sources.folder(source.data)
                : sources.synthetic(source.synthetic, seconds, seed,
                        augment ? dev.timbre.trainer.data.Augmentation.standard() : dev.timbre.trainer.data.Augmentation.NONE);
        data.skipped().forEach(s -> System.out.println("skipped: " + s));
        TrainingOptions options = new TrainingOptions(epochs, patience, minEpochs, batchSize, learningRate, seed, threads);
        new TrainingRun(options, System.out).run(data, trainFraction, validationFraction, architectures,
                modelDir != null ? modelDir : out.resolve("genre-cnn"),
                reportDir != null ? reportDir : out.resolve("report"));
        return 0;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new TrainCommand()).execute(args));
    }
}
