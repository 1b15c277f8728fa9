package org.convkit.io.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.convkit.io.TestFiles;
import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ImageCodecTest {

    static DecodedImage read(String name) throws IOException {
        return ImageDecoder.read(TestFiles.IMAGES.resolve(name));
    }

    static byte[] encode(DecodedImage img, String format, SampleDepth depth, RangeMode range) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OutputFormat f = OutputFormat.parse(format);
        ImageEncoder.write(img, f, depth == null ? ImageEncoder.depthFor(f, null, img.depth()) : depth, range, out);
        return out.toByteArray();
    }

    static void assertSame(DecodedImage a, DecodedImage b) {
        assertEquals(a.image().channelCount(), b.image().channelCount());
        for (int c = 0; c < a.image().channelCount(); c++) {
            assertArrayEquals(a.image().channel(c).data(), b.image().channel(c).data(), "channel " + c);
        }
        assertEquals(a.hasAlpha(), b.hasAlpha());
        if (a.hasAlpha()) {
            assertArrayEquals(a.alpha().data(), b.alpha().data(), "alpha");
        }
    }

    @Test
    void decodesInTheFilesScale() throws IOException {
        DecodedImage camera = read("camera-crop.png");
        assertEquals(SampleDepth.U8, camera.depth());
        assertEquals(1, camera.image().channelCount());
        assertEquals(80, camera.width());
        assertEquals(64, camera.height());
        DecodedImage moon = read("moon-crop-16bit.png");
        assertEquals(SampleDepth.U16, moon.depth());
        float max = 0;
        for (float v : moon.image().channel(0).data()) max = Math.max(max, v);
        assertTrue(max > 255, "16-bit samples keep their 0..65535 scale, max " + max);
        DecodedImage chelsea = read("chelsea.jpg");
        assertEquals(3, chelsea.image().channelCount());
        assertNull(chelsea.alpha());
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "tif", "pgm", "pam", "npy", "bmp"})
    void eightBitGrayRoundTripsExactly(String format) throws IOException {
        DecodedImage img = read("camera-crop.png");
        DecodedImage back = ImageDecoder.decode(encode(img, format, null, RangeMode.CLAMP));
        assertEquals(SampleDepth.U8, back.depth());
        assertSame(img, back);
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "tif", "ppm", "npy", "bmp"})
    void eightBitColourRoundTripsExactly(String format) throws IOException {
        DecodedImage img = read("chelsea-crop.png");
        assertSame(img, ImageDecoder.decode(encode(img, format, null, RangeMode.CLAMP)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"png", "tif", "pgm", "npy"})
    void sixteenBitRoundTripsExactly(String format) throws IOException {
        DecodedImage img = read("moon-crop-16bit.png");
        DecodedImage back = ImageDecoder.decode(encode(img, format, null, RangeMode.CLAMP));
        assertEquals(SampleDepth.U16, back.depth());
        assertSame(img, back);
    }

    /** Colour with a varying alpha (the logo's own alpha is opaque): alpha comes back as it was, at 8 and 16 bits. */
    @ParameterizedTest
    @ValueSource(strings = {"png", "tif", "pam", "npy"})
    void alphaIsKept(String format) throws IOException {
        DecodedImage logo = read("logo-rgba.png");
        assertTrue(logo.hasAlpha());
        assertSame(logo, ImageDecoder.decode(encode(logo, format, null, RangeMode.CLAMP)));
        for (SampleDepth depth : new SampleDepth[] {SampleDepth.U8, SampleDepth.U16}) {
            Plane alpha = new Plane(logo.width(), logo.height());
            for (int i = 0; i < alpha.data().length; i++) alpha.data()[i] = i % 256;
            DecodedImage img = new DecodedImage(logo.image(), alpha, SampleDepth.U8);
            DecodedImage back = ImageDecoder.decode(encode(img, format, depth, RangeMode.CLAMP));
            assertEquals(depth, back.depth());
            float scale = depth == SampleDepth.U16 ? 257 : 1;
            for (int i = 0; i < alpha.data().length; i++) {
                assertEquals(alpha.data()[i] * scale, back.alpha().data()[i], format + " " + depth + " alpha " + i);
            }
        }
    }

    @Test
    void jpegDropsAlphaAndIsClose() throws IOException {
        DecodedImage img = read("logo-rgba.png");
        DecodedImage back = ImageDecoder.decode(encode(img, "jpg", null, RangeMode.CLAMP));
        assertNull(back.alpha());
        assertEquals(3, back.image().channelCount());
    }

    /** Negative, fractional and large values survive every float format bit for bit. */
    @ParameterizedTest
    @ValueSource(strings = {"npy", "pfm", "tif"})
    void floatFormatsRoundTripExactly(String format) throws IOException {
        for (int channels : new int[] {1, 3}) {
            Plane[] planes = new Plane[channels];
            for (int c = 0; c < channels; c++) {
                float[] v = new float[7 * 5];
                for (int i = 0; i < v.length; i++) v[i] = (i - 17) * 12.375f + c * 1e5f + (i == 3 ? 1e-30f : 0);
                planes[c] = new Plane(7, 5, v);
            }
            DecodedImage img = new DecodedImage(new FloatImage(planes), SampleDepth.FLOAT);
            DecodedImage back = ImageDecoder.decode(encode(img, format, SampleDepth.FLOAT, RangeMode.CLAMP));
            assertEquals(SampleDepth.FLOAT, back.depth(), format);
            assertSame(img, back);
        }
    }

    @Test
    void floatTiffKeepsAlpha() throws IOException {
        DecodedImage img = read("logo-rgba.png");
        DecodedImage back = ImageDecoder.decode(encode(img, "tif", SampleDepth.FLOAT, RangeMode.CLAMP));
        assertEquals(SampleDepth.FLOAT, back.depth());
        assertSame(img, back);
    }

    /** A Fortran-ordered image (NumPy writes one for any transposed array) reads as its C-order twin. */
    @Test
    void readsFortranOrderedNpyImages() throws IOException {
        Path dir = TestFiles.TESTDATA.resolve("npy");
        DecodedImage fortran = ImageDecoder.read(dir.resolve("v1-fortran-u1-rgb.npy"));
        DecodedImage c = ImageDecoder.read(dir.resolve("v1-c-u1-rgb.npy"));
        assertEquals(5, fortran.width());
        assertEquals(4, fortran.height());
        assertEquals(SampleDepth.U8, fortran.depth());
        assertSame(c, fortran);
        assertEquals(4 * (2 * 12 + 1 * 3 + 1), fortran.image().channel(1).get(2, 1), "pixel (x=2, y=1), green: NumPy's rgb[1, 2, 1]");
    }

    /** .npy written by NumPy itself: float64, uint16 big-endian, HxWx1. */
    @Test
    void readsNumpyDtypesAndShapes() throws IOException {
        assertEquals(SampleDepth.FLOAT, ImageDecoder.decode(npy("<f8", "(2, 3)", new double[] {1, -2, 3.5, 4, 5, 6})).depth());
        DecodedImage d = ImageDecoder.decode(npy("<f8", "(2, 3)", new double[] {1, -2, 3.5, 4, 5, 6}));
        assertArrayEquals(new float[] {1, -2, 3.5f, 4, 5, 6}, d.image().channel(0).data());
        DecodedImage u = ImageDecoder.decode(npy(">u2", "(1, 2, 1)", new double[] {65535, 7}));
        assertEquals(SampleDepth.U16, u.depth());
        assertArrayEquals(new float[] {65535, 7}, u.image().channel(0).data());
        ImageFormatException e = assertThrows(ImageFormatException.class,
                () -> ImageDecoder.decode(npy("<i8", "(1, 1)", new double[] {1})));
        assertTrue(e.getMessage().contains("unsupported .npy dtype"), e.getMessage());
    }

    private static byte[] npy(String descr, String shape, double[] values) {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        header += " ".repeat(63 - (10 + header.length()) % 64) + "\n";
        int size = Integer.parseInt(descr.substring(2));
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + values.length * size)
                .order(descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length());
        b.order(descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double v : values) {
            switch (descr.substring(1)) {
                case "f8" -> b.putDouble(v);
                case "u2" -> b.putShort((short) v);
                case "i8" -> b.putLong((long) v);
                default -> throw new IllegalArgumentException(descr);
            }
        }
        return b.array();
    }

    @Test
    void depthConversionScalesBy257() throws IOException {
        DecodedImage img = read("camera-crop.png");
        DecodedImage wide = ImageDecoder.decode(encode(img, "png", SampleDepth.U16, RangeMode.CLAMP));
        assertEquals(SampleDepth.U16, wide.depth());
        float[] a = img.image().channel(0).data();
        float[] b = wide.image().channel(0).data();
        for (int i = 0; i < a.length; i++) assertEquals(a[i] * 257, b[i]);
        assertSame(img, ImageDecoder.decode(encode(wide, "png", SampleDepth.U8, RangeMode.CLAMP)));
    }

    @Test
    void rangeModesMapSignedResults() throws IOException {
        float[] v = {-300f, -2.5f, -1.5f, 0.5f, 1.5f, 127.4f, 300f};
        DecodedImage img = new DecodedImage(new FloatImage(new Plane(7, 1, v)), SampleDepth.U8);
        assertArrayEquals(new float[] {0, 0, 0, 0, 2, 127, 255}, decoded(img, RangeMode.CLAMP), "clamp, ties to even");
        assertArrayEquals(new float[] {255, 2, 2, 0, 2, 127, 255}, decoded(img, RangeMode.ABS));
        assertArrayEquals(new float[] {0, 126, 126, 128, 130, 255, 255}, decoded(img, RangeMode.OFFSET));
        float[] n = decoded(img, RangeMode.NORMALIZE);
        assertEquals(0, n[0]);
        assertEquals(255, n[6]);
        assertEquals(Math.rint((127.4 + 300) / 600 * 255), n[5]);
    }

    private static float[] decoded(DecodedImage img, RangeMode range) throws IOException {
        return ImageDecoder.decode(encode(img, "png", SampleDepth.U8, range)).image().channel(0).data();
    }

    @Test
    void badContentIsOneReason(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        assertEquals("empty file", assertThrows(ImageFormatException.class, () -> ImageDecoder.decode(new byte[0])).getMessage());
        assertTrue(assertThrows(ImageFormatException.class, () -> ImageDecoder.decode("hello, world\n".getBytes()))
                .getMessage().contains("unknown format"));
        byte[] png = Files.readAllBytes(TestFiles.IMAGES.resolve("coffee.png"));
        assertTrue(assertThrows(ImageFormatException.class, () -> ImageDecoder.decode(Arrays.copyOf(png, png.length / 3)))
                .getMessage().startsWith("corrupt or truncated PNG"));
        byte[] jpg = Files.readAllBytes(TestFiles.IMAGES.resolve("chelsea.jpg"));
        assertTrue(assertThrows(ImageFormatException.class, () -> ImageDecoder.decode(Arrays.copyOf(jpg, jpg.length / 3)))
                .getMessage().contains("JPEG"));
    }
}
