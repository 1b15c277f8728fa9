package org.convkit.cli.data;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/** For commands that evaluate: {@code --split} defaults to {@code test} instead of {@code train}. */
public final class TestSplitByDefault implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec arg) {
        return arg instanceof OptionSpec o && o.longestName().equals("--split") ? "test" : null;
    }
}
