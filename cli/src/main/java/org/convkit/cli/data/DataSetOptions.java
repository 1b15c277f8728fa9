package org.convkit.cli.data;

import java.io.IOException;
import java.nio.file.Path;
import org.convkit.cli.CommandFailure;
import org.convkit.io.data.DataSet;
import org.convkit.io.data.DataSetException;
import org.convkit.io.data.DataSets;
import org.convkit.io.data.Split;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The data-set options of every command that reads many labelled images ({@code @Mixin DataSetOptions data;}):
 * {@code --data}, {@code --split}, {@code --limit}, {@code --sample}, {@code --seed}.
 */
public final class DataSetOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--data", required = true, paramLabel = "PATH",
            description = {"The labelled images: a folder of class folders (root/<class>/*.png, classes sorted by name, as"
                    + " torchvision's ImageFolder; root/train and root/test when both exist); a folder of MNIST-style IDX files"
                    + " (train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz], t10k-* for the test split);"
                    + " or a CIFAR-10/100 binary batch folder."})
    private Path data;

    @Option(names = "--split", paramLabel = "train|test", defaultValue = "train", converter = SplitConverter.class,
            description = "Which part to read: train-* or t10k-* IDX files, CIFAR's data/test batches, root/train or root/test (default: ${DEFAULT-VALUE}).")
    private Split split;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N images.")
    private Integer limit;

    @Option(names = "--sample", paramLabel = "N",
            description = "A random sample of N images with every class keeping its share (stratified), in data-set order.")
    private Integer sample;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed of --sample (default: ${DEFAULT-VALUE}).")
    private long seed;

    public Path path() { return data; }

    static final class SplitConverter implements picocli.CommandLine.ITypeConverter<Split> {
        @Override
        public Split convert(String value) {
            return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "train" -> Split.TRAIN;
                case "test", "t10k" -> Split.TEST;
                default -> throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a split (valid: train, test)");
            };
        }
    }

    public Split split() { return split; }

    /** The --seed value (commands that draw anything else at random, such as cnn train, use it too). */
    public long seed() { return seed; }

    /** Opens the data set with --limit or --sample applied; a bad data set is a {@link CommandFailure}. */
    public DataSet open() {
        if (limit != null && sample != null) {
            throw new ParameterException(mixee.commandLine(), "--limit and --sample exclude each other");
        }
        if (limit != null && limit < 1 || sample != null && sample < 1) {
            throw new ParameterException(mixee.commandLine(), "--limit and --sample take a positive count");
        }
        DataSet ds;
        try {
            ds = DataSets.open(data, split);
        } catch (DataSetException e) {
            throw new CommandFailure(e.getMessage(), e);
        } catch (IOException e) {
            throw new CommandFailure(data + ": " + org.convkit.cli.batch.Reporter.reason(e), e);
        }
        if (limit != null) {
            return DataSets.first(ds, limit);
        }
        if (sample != null) {
            return DataSets.stratified(ds, sample, seed);
        }
        return ds;
    }
}
