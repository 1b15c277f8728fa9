package org.convkit.spark.io;

import java.util.Locale;
import java.util.Set;
import org.convkit.cli.batch.Reporter;
import org.convkit.io.data.DataSets;
import org.convkit.io.image.DecodedImage;
import org.convkit.io.image.ImageDecoder;
import org.convkit.io.image.ImageFormatException;
import org.convkit.io.image.PixelLimit;

/**
 * The Spark jobs' one door to convkit's image decoding and data-set conventions, so that they decode
 * and choose files exactly as the CLI does.
 */
public final class ConvkitIo {
    /** The largest file convkit decodes (a Java array). */
    public static final long MAX_FILE_BYTES = PixelLimit.ARRAY_MAX;

    private ConvkitIo() {}

    /** Decodes a whole file's bytes as {@code convkit} does; bad content throws with the reason. */
    public static DecodedImage decode(byte[] bytes) throws ImageFormatException {
        return ImageDecoder.decode(bytes);
    }

    /** The class-folder reader's image extensions, lower case. */
    public static Set<String> imageExtensions() { return DataSets.imageFolderExtensions(); }

    /** Whether a path's file name ends in one of {@link #imageExtensions()}, in any case. */
    public static boolean isImageName(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 && imageExtensions().contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The one-line reason the CLI prints for a failure. */
    public static String reason(Throwable e) {
        return Reporter.reason(e);
    }
}
