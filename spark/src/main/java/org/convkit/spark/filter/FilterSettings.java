package org.convkit.spark.filter;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import org.convkit.cli.filter.BorderSpec;
import org.convkit.cli.filter.KernelSpec;
import org.convkit.io.image.OutputFormat;
import org.convkit.io.image.RangeMode;
import org.convkit.io.image.SampleDepth;
import org.convkit.filters.Filter;
import org.convkit.filters.Filters;
import org.convkit.filters.border.Border;

/**
 * What the filter job does to each image, as the words of its options ({@code -k}, {@code -b},
 * {@code -f}, {@code --depth}...), which travel to the executors and are parsed there by the CLI's own
 * parsers. Naming follows {@code convkit filter}: the input's name and tree, {@code --suffix} before the
 * extension, the input's format when it can hold the result, else png (tif for float).
 */
record FilterSettings(List<String> kernels, boolean correlate, boolean normalize, String border, String format,
                      String depth, RangeMode range, String suffix) implements Serializable {

    /** The chain of kernels (IllegalArgumentException with the reason for a bad one). */
    Filter filter() {
        List<Filter> steps = kernels.stream().map(k -> KernelSpec.parse(k).toFilter(correlate, normalize)).toList();
        return steps.size() == 1 ? steps.getFirst() : Filters.chain(steps);
    }

    Border borderRule() { return BorderSpec.parse(border); }

    OutputFormat outputFormat() { return format == null ? null : OutputFormat.parse(format); }

    SampleDepth sampleDepth() { return depth == null ? null : SampleDepth.parse(depth); }

    /** -f, else the input's own format when it can hold the depth asked for, else png (tif for float). */
    OutputFormat formatFor(String fileName) {
        OutputFormat f = outputFormat();
        if (f != null) {
            return f;
        }
        return OutputFormat.forInput(Path.of(fileName), sampleDepth());
    }

    /** The output's path relative to the output folder, for an input at {@code relative} below the input folder. */
    String target(String relative) {
        int slash = relative.lastIndexOf('/');
        String parent = slash < 0 ? "" : relative.substring(0, slash + 1);
        String name = relative.substring(slash + 1);
        return parent + stem(name) + (suffix == null ? "" : suffix) + "." + formatFor(name).extension();
    }

    /** Whether a file is one of this run's own outputs met again (a name that already carries the suffix). */
    boolean ownOutput(String fileName) {
        return suffix != null && !suffix.isEmpty() && stem(fileName).endsWith(suffix);
    }

    static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
