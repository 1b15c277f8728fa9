package org.convkit.spark.io;

import java.lang.reflect.Field;
import java.util.Locale;
import java.util.Set;
import org.convkit.cli.batch.Reporter;
import org.convkit.cli.io.DecodedImage;
import org.convkit.cli.io.ImageDecoder;
import org.convkit.cli.io.ImageFormatException;
import org.convkit.cli.io.PixelLimit;

/**
 * The Spark jobs' one door to convkit's image decoding and data-set conventions, so that they decode
 * and choose files exactly as the CLI does.
 */
public final class ConvkitIo {
    /** The largest file convkit decodes (a Java array). */
    public static final long MAX_FILE_BYTES = PixelLimit.ARRAY_MAX;

    private static final Set<String> IMAGE_EXTENSIONS = imageFolderExtensions();

    private ConvkitIo() {}

    /** Decodes a whole file's bytes as {@code convkit} does; bad content throws with the reason. */
    public static DecodedImage decode(byte[] bytes) throws ImageFormatException {
        return ImageDecoder.decode(bytes);
    }

    /** The class-folder reader's image extensions, lower case. */
    public static Set<String> imageExtensions() { return IMAGE_EXTENSIONS; }

    /** The one-line reason the CLI prints for a failure. */
    public static String reason(Throwable e) {
        return Reporter.reason(e);
    }

    /**
     * The extensions of the class-folder reader, read from it so that the two can never disagree (the
     * CLI keeps the set package-private).
     */
    @SuppressWarnings("unchecked")
    private static Set<String> imageFolderExtensions() {
        try {
            Field f = Class.forName("org.convkit.cli.data.ImageFolderDataSet").getDeclaredField("EXTENSIONS");
            f.setAccessible(true);
            return (Set<String>) f.get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("convkit's class-folder reader has no extension list", e);
        }
    }
}
