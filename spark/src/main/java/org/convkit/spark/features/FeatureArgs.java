package org.convkit.spark.features;

import java.io.Serializable;
import java.util.List;
import org.convkit.cli.features.FeatureOptions;
import picocli.CommandLine;

/**
 * The words of a {@code features} job's command line, which travel to the executors, where the same
 * picocli classes parse them again into the {@link FeatureOptions} of {@code convkit features}. Driver
 * and executors thus share one parser and one set of defaults.
 */
public final class FeatureArgs implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> words;

    public FeatureArgs(List<String> words) { this.words = List.copyOf(words); }

    /** The arguments of the job's own command line (after its name), as picocli received them. */
    public static FeatureArgs of(CommandLine.Model.CommandSpec job) {
        CommandLine.ParseResult parsed = job.commandLine().getParseResult();
        List<String> all = parsed.originalArgs();
        int name = all.indexOf(job.name());
        return new FeatureArgs(all.subList(name + 1, all.size()));
    }

    /** Parses the words again, as picocli did on the driver: the extractor's options. */
    public FeatureOptions parse() {
        FeaturesJob job = new FeaturesJob();
        new CommandLine(job).parseArgs(words.toArray(String[]::new));
        return job.featureOptions();
    }

    public List<String> words() { return words; }
}
