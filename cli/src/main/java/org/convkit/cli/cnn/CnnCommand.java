package org.convkit.cli.cnn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.convkit.cli.CommandFailure;
import org.convkit.cli.batch.Reporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code convkit cnn}: convolutional networks on the CPU: train, eval, predict, summary. */
@Command(name = "cnn", sortOptions = false, usageHelpAutoWidth = true,
        description = "Convolutional networks on the CPU (Vector API kernels).",
        commandListHeading = "%nCommands:%n",
        subcommands = {TrainCommand.class, EvalCommand.class, PredictCommand.class, SummaryCommand.class})
public final class CnnCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new ParameterException(spec.commandLine(), "a command is required (train, eval, predict or summary)");
    }

    /** Loads {@code --model}; any fault is one line naming the file (exit 1). */
    static CnnModel load(Path model) {
        if (!Files.isRegularFile(model)) {
            throw new CommandFailure(model + ": " + (Files.exists(model) ? "not a file" : "no such file"));
        }
        try {
            return CnnModel.load(model);
        } catch (IOException e) {
            throw new CommandFailure(model + ": " + Reporter.reason(e), e);
        }
    }
}
