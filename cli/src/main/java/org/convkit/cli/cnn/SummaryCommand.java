package org.convkit.cli.cnn;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.convkit.cli.CommonOptions;
import org.convkit.cli.ExitCodes;
import org.convkit.cnn.nn.Network;
import org.convkit.cnn.nn.Summary;
import org.convkit.cnn.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code convkit cnn summary}: each layer's output shape and parameter count, and the totals. */
@Command(name = "summary", sortOptions = false, usageHelpAutoWidth = true,
        description = {"A network layer by layer: names, shapes, parameters.", "Prints a network layer by layer: its state-dict name (the index in torch.nn.Sequential), the layer,"
                + " its output shape for one input and its parameter count; then the totals.",
                "",
                "Spec words: conv(out,k,stride=1,pad=0,dilation=1,groups=1,bias=true)  maxpool(k,stride=k,pad=0)"
                + "  avgpool(k,stride=k,pad=0)  gap  bn  relu  leakyrelu(slope=0.01)  elu(alpha=1)  sigmoid  tanh"
                + "  dropout(p=0.5)  flatten  fc(out,bias=true)  res(out,stride=1) (ResNet basic block)",
                "",
                "Examples:",
                "  convkit cnn summary --arch vgg-small --input 1x28x28",
                "  convkit cnn summary --arch \"conv(32,3,pad=1) bn relu maxpool(2) flatten fc(10)\" --input 3x32x32"})
public final class SummaryCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private CommonOptions common;

    @Option(names = "--arch", required = true, paramLabel = "A", description = "lenet5, vgg-small, resnet-small, or a spec.")
    private String arch;

    @Option(names = "--input", paramLabel = "CxHxW", defaultValue = "1x28x28", description = "One input's shape (default: ${DEFAULT-VALUE}).")
    private String input;

    @Option(names = "--classes", paramLabel = "N", defaultValue = "10", description = "Outputs of a preset (default: ${DEFAULT-VALUE}).")
    private int classes;

    @Override
    public Integer call() {
        int[] shape;
        try {
            shape = CnnModel.parseShape(input);
        } catch (java.io.IOException e) {
            throw new ParameterException(spec.commandLine(), "--input: " + e.getMessage() + " (e.g. 1x28x28)");
        }
        Network net;
        try {
            net = Network.build(arch, shape, classes, 0);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--arch: " + e.getMessage());
        }
        Summary s = net.summary();
        PrintStream out = common.streams().out();
        int w = Math.max(5, s.rows().stream().mapToInt(r -> r.layer().length()).max().orElse(5));
        String row = "%-5s  %-" + w + "s  %-14s  %,12d%n";
        out.printf(Locale.ROOT, "%-5s  %-" + w + "s  %-14s  %12s%n", "name", "layer", "output", "parameters");
        out.printf(Locale.ROOT, "%-5s  %-" + w + "s  %-14s  %12s%n", "", "input", Tensor.shapeString(s.inputShape()), "");
        for (Summary.Row r : s.rows()) {
            out.printf(Locale.ROOT, row, r.name(), r.layer(), Tensor.shapeString(r.outputShape()), r.params());
        }
        out.printf(Locale.ROOT, "total parameters: %,d (trainable %,d), %.2f MB as float32%n", s.totalParams(), s.trainableParams(),
                s.totalParams() * 4 / 1e6);
        out.flush();
        return ExitCodes.OK;
    }
}
