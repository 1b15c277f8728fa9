package org.convkit.io.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The output format chosen when none is asked for: the input's own when it can, else PNG (TIFF for float). */
class OutputFormatTest {

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "a.png,      -,     PNG,  png",
        "a.JPEG,     -,     JPEG, jpeg",   // jpeg stays jpeg, not jpg
        "a.jpg,      U16,   PNG,  png",    // JPEG holds no 16-bit samples
        "a.jpg,      FLOAT, TIFF, tif",
        "a.pgm,      U16,   PNM,  pgm",
        "a.gif,      -,     PNG,  png",    // read, never written
        "a.tiff,     FLOAT, TIFF, tiff",
        "noextension, -,    PNG,  png",
        "-,          -,     PNG,  png",    // standard input
        "-,          FLOAT, TIFF, tif",
    })
    void forInput(String name, SampleDepth depth, ImageFormat format, String extension) {
        OutputFormat f = OutputFormat.forInput(name == null ? null : Path.of(name), depth);
        assertEquals(format, f.format());
        assertEquals(extension, f.extension());
    }
}
