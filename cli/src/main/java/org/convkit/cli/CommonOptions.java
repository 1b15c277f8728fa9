package org.convkit.cli;

import org.convkit.io.image.PixelLimit;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Options every convkit command shares ({@code @Mixin CommonOptions common;}): worker threads,
 * quiet, verbose, the pixel limit; and the command's standard streams.
 */
public final class CommonOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    private int jobs = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-q", "--quiet"}, description = "No progress bar and no summary; failures are still reported.")
    private boolean quiet;

    @Option(names = {"-v", "--verbose"}, description = "Say more: each file written, skipped files, stack traces of internal errors.")
    private boolean verbose;

    private Streams streams = Streams.system();

    static {
        System.setProperty("convkit.cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Worker threads (default: all ${sys:convkit.cores} cores). Several files are spread over the workers; one large image is cut into row bands.")
    void jobs(int n) {
        if (n < 1) {
            throw new ParameterException(mixee.commandLine(), "-j must be at least 1, got " + n);
        }
        jobs = n;
    }

    /**
     * Sets {@link PixelLimit} for this run. picocli calls this with the default too when the option is
     * not given, so that each command starts from {@code CONVKIT_MAX_PIXELS} or the built-in default.
     */
    @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "${env:" + PixelLimit.ENVIRONMENT + ":-" + PixelLimit.DEFAULT + "}",
            description = "Refuse images larger than N pixels, from their header, before decoding them; 'none' for no limit."
                    + " A guard against files that declare a huge size (default: ${DEFAULT-VALUE}, twice Pillow's"
                    + " MAX_IMAGE_PIXELS; or " + PixelLimit.ENVIRONMENT + ").")
    void maxPixels(String n) {
        try {
            PixelLimit.set(PixelLimit.parse(n));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), "--max-pixels (or " + PixelLimit.ENVIRONMENT + "): " + e.getMessage());
        }
    }

    /** The worker count: {@code -j}, else every core. */
    public int jobs() { return jobs; }

    public boolean quiet() { return quiet; }

    public boolean verbose() { return verbose; }

    public Streams streams() { return streams; }

    void streams(Streams s) { this.streams = s; }
}
