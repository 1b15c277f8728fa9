package org.convkit.io.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.convkit.io.TestFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Files written by OpenCV and Pillow (testdata/cli/make_reference.py) in every lossless format we
 * read decode to exactly the pixels of the PNG they were made from.
 */
class FormatsTest {

    @ParameterizedTest
    @CsvSource({
        "camera-crop.pgm, camera-crop.png, U8",
        "camera-crop.bmp, camera-crop.png, U8",
        "camera-crop.tif, camera-crop.png, U8",
        "camera-crop.gif, camera-crop.png, U8",
        "camera-crop-f64.npy, camera-crop.png, FLOAT",
        "camera-crop.pfm, camera-crop.png, FLOAT",
        "camera-crop-f32.tif, camera-crop.png, FLOAT",
        "chelsea-crop.ppm, chelsea-crop.png, U8",
        "chelsea-crop.bmp, chelsea-crop.png, U8",
        "chelsea-crop.tif, chelsea-crop.png, U8",
        "chelsea-crop.webp, chelsea-crop.png, U8",
        "chelsea-crop-u8.npy, chelsea-crop.png, U8",
        "moon-crop-16bit.tif, moon-crop-16bit.png, U16",
    })
    void decodesToThePngsPixels(String file, String png, SampleDepth depth) throws IOException {
        DecodedImage got = ImageDecoder.read(TestFiles.TESTDATA.resolve("cli/formats/" + file));
        DecodedImage want = ImageDecoder.read(TestFiles.IMAGES.resolve(png));
        assertEquals(depth, got.depth());
        assertEquals(want.image().channelCount(), got.image().channelCount());
        for (int c = 0; c < want.image().channelCount(); c++) {
            assertArrayEquals(want.image().channel(c).data(), got.image().channel(c).data(), file + " channel " + c);
        }
    }
}
