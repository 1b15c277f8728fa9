package org.convkit.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code convkit completion bash}: prints a completion script (picocli AutoComplete). */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script.", "Print a shell completion script.",
                "bash: source <(./convkit completion bash)",
                "zsh: autoload -U bashcompinit && bashcompinit && source <(./convkit completion bash)"})
public final class CompletionCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SHELL", defaultValue = "bash",
            description = "bash (default); zsh reads the same script through bashcompinit.")
    private String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "unknown shell '" + shell + "' (valid: bash, zsh)");
        }
        spec.commandLine().getOut().print(AutoComplete.bash("convkit", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
