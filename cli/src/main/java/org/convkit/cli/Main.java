package org.convkit.cli;

import java.io.PrintWriter;
import java.util.List;
import org.convkit.cli.batch.Reporter;
import org.convkit.cli.demo.DemoCommand;
import org.convkit.cli.filter.FilterCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code convkit} command. Each subcommand is one class listed in {@link #SUBCOMMANDS}; it
 * takes {@code @Mixin CommonOptions} for -j/-q/-v and the standard streams, returns an
 * {@link ExitCodes} value, and throws {@link ParameterException} for usage errors (exit 2) or
 * {@link CommandFailure} for expected failures (exit 1, one line).
 */
// INHERIT: every subcommand gets -h/--help and -V/--version (and the exit-code footer) without repeating them
// The usage fits the terminal's width (usageHelpAutoWidth), switched on in commandLine() once the tree is built
@Command(name = "convkit", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Image filtering, feature extraction and convolutional networks from the command line.",
        commandListHeading = "%nCommands:%n",
        footer = {"%nExit codes:", "  0  done", "  1  some inputs failed (each named on standard error)", "  2  usage error",
                "", "Run 'convkit help COMMAND' for a command's options."})
public final class Main implements Runnable {
    /** The subcommands, in the order the help lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            FilterCommand.class,
            DemoCommand.class,
            org.convkit.cli.features.HogCommand.class,
            org.convkit.cli.features.GistCommand.class,
            org.convkit.cli.features.FeaturesCommand.class,
            org.convkit.cli.baseline.BaselineCommand.class,
            org.convkit.cli.cnn.CnnCommand.class,
            org.convkit.cli.compare.CompareCommand.class,
            CompletionCommand.class,
            AotTrainingCommand.class,
            NestedHelpCommand.class);

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        int code;
        try {
            code = run(Streams.system(), args);
        } catch (OutOfMemoryError e) { // one line and the way out, not a stack trace
            System.err.printf("convkit: out of memory (the JVM may use %.1f GB); give it more with CONVKIT_JAVA_OPTS=-Xmx16g%n",
                    Runtime.getRuntime().maxMemory() / 1e9);
            code = ExitCodes.FAILED;
        }
        System.out.flush();
        System.exit(code);
    }

    /** Runs convkit in this process with the given streams; returns the exit code. */
    public static int run(Streams streams, String... args) {
        return commandLine(streams, subcommandsFor(args)).execute(args);
    }

    /** The configured command tree, every subcommand (tests and the completion script use it too). */
    public static CommandLine commandLine(Streams streams) { return commandLine(streams, SUBCOMMANDS); }

    /**
     * The subcommands a run needs below the root: none to print the version, the one it names, or all
     * of them (for help, the suggestions after a misspelt name, and convkit alone). Building picocli's
     * model of a command reflects over its fields and creates its object, whose static fields may start
     * a library (the JSON one, some 370 classes): a run pays for its own command only.
     */
    private static List<Class<?>> subcommandsFor(String[] args) {
        if (args.length == 0) {
            return SUBCOMMANDS;
        }
        if (onlyVersionOptions(args)) {
            return List.of();
        }
        Class<?> named = named(args[0]);
        return named == null ? SUBCOMMANDS : List.of(named);
    }

    private static boolean onlyVersionOptions(String[] args) {
        for (String a : args) {
            if (!a.equals("-V") && !a.equals("--version")) {
                return false;
            }
        }
        return true;
    }

    /** The subcommand called {@code name} (not {@code help}, which needs them all), or null. */
    private static Class<?> named(String name) {
        for (Class<?> c : SUBCOMMANDS) {
            Command command = c.getAnnotation(Command.class);
            if (c != NestedHelpCommand.class && (command.name().equals(name) || List.of(command.aliases()).contains(name))) {
                return c;
            }
        }
        return null;
    }

    /** The command tree with the given subcommands below the root. */
    private static CommandLine commandLine(Streams streams, List<Class<?>> subcommands) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cl = new CommandLine(new Main(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K k = defaults.create(cls);
                if (k instanceof CommonOptions common) {
                    common.streams(streams);
                }
                return k;
            }
        });
        for (Class<?> c : subcommands) {
            cl.addSubcommand(c);
        }
        // Only now: with auto width on while the tree is built, picocli asks the terminal its width
        // (by running stty) for every subcommand it adds, in every run from a terminal. Set here, the
        // width is asked when a usage is printed.
        cl.setUsageHelpAutoWidth(true);
        cl.setOut(new PrintWriter(streams.out(), true));
        cl.setErr(new PrintWriter(streams.err(), true));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(EXECUTION_ERRORS);
        cl.setParameterExceptionHandler(USAGE_ERRORS);
        return cl;
    }

    @Override
    public void run() {
        // "convkit" alone: say what there is, as a usage error
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new ParameterException(spec.commandLine(), "a command is required");
    }

    /** Usage errors: the message, a suggestion for misspellings, and where help is; exit 2. */
    private static final IParameterExceptionHandler USAGE_ERRORS = (ex, args) -> {
        CommandLine c = ex.getCommandLine();
        PrintWriter err = c.getErr();
        String name = c.getCommandSpec().qualifiedName();
        err.println(name + ": " + ex.getMessage());
        UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return ExitCodes.USAGE;
    };

    /** Failures while running: one clear line; the stack trace only with -v or for internal errors. */
    private static final IExecutionExceptionHandler EXECUTION_ERRORS = (ex, c, parseResult) -> {
        if (ex instanceof ParameterException pe) {
            return USAGE_ERRORS.handleParseException(pe, new String[0]);
        }
        PrintWriter err = c.getErr();
        String name = c.getCommandSpec().qualifiedName();
        boolean verbose = verbose(parseResult);
        boolean expected = ex instanceof CommandFailure || ex instanceof java.io.IOException;
        if (ex instanceof CommandFailure) {
            err.println(name + ": " + ex.getMessage());
        } else if (expected) {
            err.println(name + ": " + Reporter.reason(ex));
        } else {
            err.println(name + ": internal error: " + ex + (verbose ? "" : " (run with -v for the stack trace)"));
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.FAILED;
    };

    private static boolean verbose(ParseResult pr) {
        for (ParseResult p = pr; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
