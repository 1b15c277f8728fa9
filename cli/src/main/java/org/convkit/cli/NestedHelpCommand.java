package org.convkit.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code convkit help [COMMAND [SUBCOMMAND...]]}: the usage of any command, at any depth. Picocli's
 * own help command takes one level, so {@code convkit help cnn train} showed {@code cnn}'s help.
 */
@Command(name = "help", helpCommand = true,
        description = {"Show the usage of convkit or of a command.", "For example 'convkit help cnn train'."})
public final class NestedHelpCommand implements IHelpCommandInitializable2, Runnable {

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command (and subcommands) to describe.")
    private List<String> path = new ArrayList<>();

    private CommandLine self;
    private PrintWriter out;
    private Help.Ansi ansi;

    @Override
    public void init(CommandLine helpCommandLine, Help.ColorScheme colorScheme, PrintWriter out, PrintWriter err) {
        this.self = helpCommandLine;
        this.out = out;
        this.ansi = colorScheme.ansi();
    }

    @Override
    public void run() {
        CommandLine target = self.getParent();
        for (String name : path) {
            CommandLine next = target.getSubcommands().get(name);
            if (next == null) {
                throw new ParameterException(self, "unknown command '" + String.join(" ", path)
                        + "'; the commands of " + target.getCommandName() + " are " + String.join(", ",
                        target.getSubcommands().keySet()));
            }
            target = next;
        }
        target.usage(out, ansi);
        out.flush();
    }
}
