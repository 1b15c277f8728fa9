package org.convkit.spark;

import java.io.IOException;
import java.io.PrintWriter;
import org.convkit.cli.CommandFailure;
import org.convkit.cli.ExitCodes;
import org.convkit.spark.features.FeaturesJob;
import org.convkit.spark.filter.FilterJob;
import org.convkit.spark.predict.PredictJob;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;

/** {@code convkit-spark JOB [options]}: the entry point for spark-submit and ./convkit-spark. */
@Command(name = "convkit-spark", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = "convkit's jobs on Apache Spark: the same numbers as the convkit command, over many machines.",
        subcommands = {FeaturesJob.class, FilterJob.class, PredictJob.class})
public final class SparkMain implements Runnable {
    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code = run(args);
        System.out.flush();
        System.exit(code);
    }

    /** Runs a job in this JVM; the exit code. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new SparkMain());
        cl.setErr(new PrintWriter(System.err, true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof CommandFailure || e instanceof IOException) {
                commandLine.getErr().println("convkit-spark: " + e.getMessage());
                return ExitCodes.FAILED;
            }
            throw e;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("convkit-spark: " + e.getMessage());
            e.getCommandLine().getErr().println("Try 'convkit-spark " + e.getCommandLine().getCommandName() + " --help'.");
            return ExitCodes.USAGE;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new ParameterException(spec.commandLine(), "a job is required");
    }
}
