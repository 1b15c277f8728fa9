package org.convkit.io.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.convkit.io.TestFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Our direct PNG reader gives exactly what ImageIO's reader gives, on PNGs written by libpng (all five row filters). */
class PngReaderTest {

    @ParameterizedTest
    @ValueSource(strings = {"camera.png", "camera-crop.png", "chelsea-crop.png", "coffee.png", "coins.png",
            "logo-rgba.png", "moon-crop-16bit.png"})
    void agreesWithImageIO(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(TestFiles.IMAGES.resolve(name));
        DecodedImage ours = PngReader.read(bytes);
        assertNotNull(ours, "handled by the direct reader");
        DecodedImage reference = Rasters.toDecoded(ImageIO.read(new ByteArrayInputStream(bytes)));
        assertEquals(reference.depth(), ours.depth());
        assertEquals(reference.image().channelCount(), ours.image().channelCount());
        for (int c = 0; c < ours.image().channelCount(); c++) {
            assertArrayEquals(reference.image().channel(c).data(), ours.image().channel(c).data());
        }
        assertEquals(reference.hasAlpha(), ours.hasAlpha());
        if (ours.hasAlpha()) {
            assertArrayEquals(reference.alpha().data(), ours.alpha().data());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {40, 200, 2000, 50000})
    void truncatedFilesAreErrors(int length) throws IOException {
        byte[] bytes = Files.readAllBytes(TestFiles.IMAGES.resolve("coffee.png"));
        assertThrows(ImageFormatException.class, () -> PngReader.read(Arrays.copyOf(bytes, length)));
    }
}
