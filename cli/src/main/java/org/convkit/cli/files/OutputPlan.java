package org.convkit.cli.files;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.convkit.io.InputSet;

/**
 * The outputs of a batch, decided before anything is written, from the complete list of inputs: an
 * output that would replace any input of the run (whenever that input comes in the list) is refused,
 * and so is a second input whose output is already another input's (two {@code x.png} from different
 * folders). Each refusal is one problem naming the input; that input is left out, the others go on.
 * The same file met twice for the same output (a folder and a file in it) is done once.
 */
public final class OutputPlan {
    private final List<InputFile> inputs = new ArrayList<>();
    private final Map<InputFile, Path> targets = new HashMap<>();

    private OutputPlan() {}

    /**
     * @param targetOf where each input's output goes
     * @param notes    what is only worth saying with -v (duplicates dropped)
     */
    public static OutputPlan of(List<InputFile> files, Function<InputFile, Path> targetOf,
                                InputWalker.Problems problems, Consumer<String> notes) {
        InputSet read = new InputSet();
        for (InputFile f : files) {
            if (!f.isStdin()) {
                read.add(f.path());
            }
        }
        record Claim(InputFile input, Object identity) {}
        Map<Path, Claim> claims = new HashMap<>();
        OutputPlan plan = new OutputPlan();
        for (InputFile f : files) {
            Path target = targetOf.apply(f);
            var replaced = read.replacedBy(target);
            if (replaced.isPresent()) {
                problems.report(f.display(), "the output " + target + " would replace the input " + replaced.get()
                        + "; not written (use --suffix or another -o)");
                continue;
            }
            Object identity = f.isStdin() ? f : InputSet.identity(f.path());
            Claim earlier = claims.putIfAbsent(InputSet.entry(target), new Claim(f, identity));
            if (earlier != null) {
                if (earlier.identity().equals(identity)) {
                    notes.accept(f.display() + ": already given (as " + earlier.input().display() + "); done once");
                } else {
                    problems.report(f.display(), "its output " + target + " is also the output of "
                            + earlier.input().display() + "; not written (inputs of one run need different output names)");
                }
                continue;
            }
            plan.inputs.add(f);
            plan.targets.put(f, target);
        }
        return plan;
    }

    /** The inputs to process, in order. */
    public List<InputFile> inputs() { return inputs; }

    /** Where {@code input}'s output goes. */
    public Path target(InputFile input) { return targets.get(input); }
}
