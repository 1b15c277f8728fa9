package org.convkit.cli.baseline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convkit.cli.CommandFailure;
import org.convkit.cli.batch.Reporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code convkit baseline}: the shallow classifiers (features + linear SVM): train, eval, predict. */
@Command(name = "baseline", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = "Shallow baselines: image features with a linear SVM.",
        commandListHeading = "%nCommands:%n",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class})
public final class BaselineCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new ParameterException(spec.commandLine(), "a command is required (train, eval or predict)");
    }

    /** Loads {@code --model}; any fault is one line naming the file (exit 1). */
    static BaselineModel load(Path model) {
        if (!Files.isRegularFile(model)) {
            throw new CommandFailure(model + ": " + (Files.exists(model) ? "not a file" : "no such file"));
        }
        try {
            return BaselineModel.load(model);
        } catch (IOException e) {
            throw new CommandFailure(model + ": " + Reporter.reason(e), e);
        }
    }
}
