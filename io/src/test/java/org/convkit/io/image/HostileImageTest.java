package org.convkit.io.image;

import static org.convkit.io.image.PngBytes.chunk;
import static org.convkit.io.image.PngBytes.idat;
import static org.convkit.io.image.PngBytes.iend;
import static org.convkit.io.image.PngBytes.ihdr;
import static org.convkit.io.image.PngBytes.png;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.convkit.io.TestFiles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Files made to hurt the decoders: sizes that would fill the memory, sizes that wrap, chunks that lie,
 * headers that end early. Each must be refused with an {@link ImageFormatException} naming the reason,
 * before any pixel buffer is allocated.
 */
class HostileImageTest {
    private final long limit = PixelLimit.max();

    @AfterEach
    void restoreLimit() { PixelLimit.set(limit); }

    private static ImageFormatException refused(Executable decode, String... expected) {
        ImageFormatException e = assertThrows(ImageFormatException.class, decode);
        for (String s : expected) {
            assertTrue(e.getMessage().contains(s), e.getMessage());
        }
        return e;
    }

    // ---- PNG

    /** 1.6 MB of real deflate data would inflate to 40000x40000; the header alone is enough to refuse it. */
    @Test
    void pngDeclaringHugeSizeIsRefusedFromItsHeader() {
        byte[] bomb = png(ihdr(40000, 40000, 8, 0), idat(new byte[40001]), iend());
        refused(() -> PngReader.read(bomb), "PNG of 40000x40000", "pixel limit of 178,956,970", "--max-pixels");
        refused(() -> ImageDecoder.decode(bomb), "--max-pixels");
        byte[] palette = png(ihdr(40000, 40000, 8, 3), chunk("PLTE", new byte[3]), idat(new byte[40001]), iend());
        refused(() -> ImageDecoder.decode(palette), "--max-pixels"); // a kind ImageIO reads: refused before it sees it
    }

    @Test
    void theLimitCanBeRaisedAndRemoved() throws ImageFormatException {
        byte[] small = PngBytes.gray(100, 30, 7);
        PixelLimit.set(2999);
        refused(() -> ImageDecoder.decode(small), "100x30 = 3,000 pixels, over the pixel limit of 2,999");
        PixelLimit.set(3000);
        assertEquals(100, ImageDecoder.decode(small).width());
        PixelLimit.set(PixelLimit.parse("none"));
        assertEquals(100, ImageDecoder.decode(small).width());
        // with no limit the size of a Java array still bounds one plane
        refused(() -> ImageDecoder.decode(png(ihdr(65536, 65536, 8, 0), idat(new byte[10]), iend())),
                "more than convkit's image planes hold");
    }

    /** Within the limit, but a few bytes of IDAT cannot inflate to 13000x13000 RGBA at 16 bits (1.35 GB). */
    @Test
    void pngWhoseDataCannotHoldItsSizeIsRefusedBeforeAllocating() {
        byte[] liar = png(ihdr(13000, 13000, 16, 6), idat(new byte[100]), iend());
        refused(() -> PngReader.read(liar), "13000x13000", "cannot hold them");
    }

    @Test
    void secondIhdrIsRefused() {
        byte[] raw = new byte[4 * 5];
        refused(() -> PngReader.read(png(ihdr(4, 4, 8, 0), ihdr(30000, 5000, 8, 0), idat(raw), iend())), "second IHDR");
        refused(() -> PngReader.read(png(ihdr(4, 4, 8, 0), idat(raw), ihdr(4, 4, 8, 0), iend())), "second IHDR");
        byte[] palette = png(ihdr(4, 4, 8, 3), chunk("PLTE", new byte[3]), ihdr(8, 8, 8, 3), idat(raw), iend());
        refused(() -> ImageDecoder.decode(palette), "second IHDR");
    }

    @Test
    void cutIhdrIsAFormatError() {
        byte[] eight = Arrays.copyOf(PngBytes.ihdrData(10, 10, 8, 0), 8);
        refused(() -> PngReader.read(png(chunk("IHDR", eight))), "IHDR chunk of 8 bytes, not 13");
        refused(() -> PngReader.read(png(chunk("IHDR", new byte[0]))), "IHDR chunk of 0 bytes");
        refused(() -> PngReader.read(png(chunk("IDAT", new byte[4]), iend())), "first chunk is not IHDR");
        refused(() -> PngReader.read(png()), "PNG");
        byte[] cutInside = Arrays.copyOf(png(ihdr(10, 10, 8, 0)), 8 + 8 + 6);
        refused(() -> PngReader.read(cutInside), "file ends inside the IHDR chunk");
    }

    /** Every prefix of a small PNG of each kind either decodes or is an ImageFormatException. */
    @Test
    void everyTruncationIsAFormatErrorOrAnImage() {
        byte[][] files = {PngBytes.gray(6, 5, 99), png(ihdr(3, 2, 8, 3), chunk("PLTE", new byte[6]), idat(new byte[8]), iend()),
                png(ihdr(3, 2, 16, 6), chunk("tEXt", "a\0b".getBytes(StandardCharsets.ISO_8859_1)), idat(new byte[2 * 25]), iend())};
        for (byte[] file : files) {
            for (int n = 0; n < file.length; n++) {
                byte[] cut = Arrays.copyOf(file, n);
                try {
                    ImageDecoder.decode(cut);
                } catch (ImageFormatException expected) {
                    // the one way to fail
                }
                if (PngReader.matches(cut)) {
                    try {
                        PngReader.read(cut);
                    } catch (ImageFormatException expected) {
                        // not through ImageDecoder's guard either
                    }
                }
            }
        }
    }

    // ---- PFM

    @Test
    void pfmWhoseSizeWrapsIsRefused() {
        byte[] pfm = pfm("PF\n2147483647 2147483647\n-1\n", 64);
        refused(() -> PfmCodec.read(pfm), "PFM of 2147483647x2147483647", "--max-pixels");
        PixelLimit.set(Long.MAX_VALUE);
        refused(() -> PfmCodec.read(pfm), "more than convkit's image planes hold");
        refused(() -> PfmCodec.read(pfm("PF\n4294967297 1\n-1\n", 64)), "4294967297x1");
        refused(() -> PfmCodec.read(pfm("PF\n40000 40000\n-1\n", 64)), "truncated PFM data");
    }

    @Test
    void pfmHeaderOfOtherThanNumbersIsRefused() {
        refused(() -> PfmCodec.read(pfm("Pf\n-3 2\n-1\n", 24)), "bad PFM header (size '-3')");
        refused(() -> PfmCodec.read(pfm("Pf\n3e1 2\n-1\n", 24)), "bad PFM header (size '3e1')");
        refused(() -> PfmCodec.read(pfm("Pf\n3 2\nNaN\n", 24)), "bad PFM header (scale NaN)");
        refused(() -> PfmCodec.read(pfm("Pf\n3 2\n" + "1".repeat(100) + "\n", 24)), "bad PFM header (a word of 100 bytes)");
        refused(() -> PfmCodec.read(pfm("Pf\n3", 0)), "bad PFM header");
    }

    @Test
    void everyTruncationOfAPfmIsAFormatErrorOrAnImage() {
        byte[] file = pfm("PF\n3 2\n-1\n", 3 * 2 * 3 * 4);
        for (int n = 3; n < file.length; n++) {
            byte[] cut = Arrays.copyOf(file, n);
            if (PfmCodec.matches(cut)) {
                refused(() -> PfmCodec.read(cut));
            }
        }
    }

    private static byte[] pfm(String header, int dataBytes) {
        return ByteBuffer.allocate(header.length() + dataBytes).put(header.getBytes(StandardCharsets.US_ASCII)).array();
    }

    // ---- NPY

    @Test
    void npyShapeThatIsNotAnIntegerIsAFormatError() {
        refused(() -> NpyCodec.read(npy("'<f4'", "(abc, 3)", 48)), "bad .npy header (shape entry 'abc')");
        refused(() -> NpyCodec.read(npy("'<f4'", "(99999999999999999999, 3)", 48)), "shape entry '99999999999999999999'");
        refused(() -> NpyCodec.read(npy("'<f4'", "(-2, 3)", 48)), "shape entry '-2'");
        refused(() -> NpyCodec.read(npy("'<f99999999999'", "(2, 3)", 48)), "unsupported .npy dtype");
    }

    @Test
    void npyShapeWhoseProductWrapsIsRefused() {
        byte[] npy = npy("'<f8'", "(2147483647, 2147483647, 4)", 64);
        refused(() -> NpyCodec.read(npy), ".npy of 2147483647x2147483647", "--max-pixels");
        PixelLimit.set(Long.MAX_VALUE);
        refused(() -> NpyCodec.read(npy), "more than convkit's image planes hold");
        refused(() -> NpyCodec.read(npy("'<f8'", "(40000, 40000, 4)", 64)), "truncated .npy data");
        refused(() -> NpyCodec.read(npy("'<u1'", "(3, 2, 7)", 64)), "C = 1..4");
    }

    @Test
    void npyHeaderShownInAMessageIsShort() {
        ImageFormatException e = refused(() -> NpyCodec.read(npy("'<f4'", "[" + "x\n".repeat(5000) + "]", 0)), "unreadable .npy header");
        assertTrue(e.getMessage().length() < 200 && !e.getMessage().contains("\n"), e.getMessage());
    }

    /** A version-1 .npy with the given descr and shape text and {@code dataBytes} zero bytes of data. */
    private static byte[] npy(String descr, String shape, int dataBytes) {
        String header = "{'descr': " + descr + ", 'fortran_order': False, 'shape': " + shape + ", }";
        header += " ".repeat(63 - (10 + header.length()) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        return b.array();
    }

    // ---- ImageIO's readers: PNM, PAM, BMP

    @Test
    void imageIoFormatsAreAskedForTheirSizeBeforeReading() {
        refused(() -> ImageDecoder.decode(ascii("P5\n40000 40000\n255\n", 100)), "PNM of 40000x40000", "--max-pixels");
        refused(() -> ImageDecoder.decode(ascii("P7\nWIDTH 40000\nHEIGHT 40000\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n", 100)),
                "PAM of 40000x40000");
        refused(() -> ImageDecoder.decode(bmp(40000, 40000)), "BMP of 40000x40000", "--max-pixels");
    }

    /** Raw PNM samples: a file shorter than the rows it declares is refused before the raster is made. */
    @Test
    void pnmShorterThanItsSamplesIsTruncated() throws ImageFormatException {
        refused(() -> ImageDecoder.decode(ascii("P6\n5000 5000\n255\n", 10)), "truncated PNM (a 5000x5000 image needs 75000000 bytes");
        refused(() -> ImageDecoder.decode(ascii("P4\n5000 5000\n", 10)), "needs 3125000 bytes");
        assertEquals(3, ImageDecoder.decode(ascii("P2\n3 2\n65535\n1 2 3 4 5 6\n", 0)).width(), "ASCII samples are longer than raw ones");
    }

    /**
     * Sizes under the pixel limit that the file could not hold: an uncompressed BMP shorter than its
     * rows, a JPEG and a GIF declaring more pixels than their bytes can code. Real files of the same
     * kinds, a large blank JPEG among them, still decode.
     */
    @Test
    void compressedFormatsDeclaringMoreThanTheirBytesCanHoldAreRefused() throws java.io.IOException {
        refused(() -> ImageDecoder.decode(bmp(8000, 8000)), "truncated BMP (a 8000x8000 image needs");
        byte[] jpeg = java.nio.file.Files.readAllBytes(TestFiles.IMAGES.resolve("chelsea.jpg"));
        byte[] liar = jpegDeclaring(jpeg, 12000, 12000);
        refused(() -> ImageDecoder.decode(liar), "corrupt JPEG (it declares 12000x12000 pixels, more than " + liar.length + " bytes");
        byte[] gif = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN).put("GIF89a".getBytes(StandardCharsets.US_ASCII))
                .putShort((short) 10000).putShort((short) 10000).put((byte) 0x80).put((byte) 0).put((byte) 0)
                .put(new byte[6]).put((byte) ',').putShort((short) 0).putShort((short) 0).putShort((short) 10000)
                .putShort((short) 10000).put((byte) 0).put(new byte[] {2, 2, 0x44, 1, 0, ';'}).array();
        refused(() -> ImageDecoder.decode(gif), "corrupt GIF (it declares 10000x10000 pixels");

        assertEquals(451, ImageDecoder.decode(jpeg).width());
        java.awt.image.BufferedImage blank = new java.awt.image.BufferedImage(4000, 4000, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(blank, "jpeg", out);
        assertEquals(4000, ImageDecoder.decode(out.toByteArray()).height(), "16 M blank pixels in " + out.size() + " bytes");
    }

    /**
     * A damaged lossless WebP (a mutant the fuzz run found) on which TwelveMonkeys' reader decodes zeros
     * past the end of the data, one end-of-file exception per missing byte, for every declared pixel:
     * minutes and gigabytes of exceptions. It is stopped a few thousand reads past the end and refused.
     */
    @Test
    void aReaderThatKeepsReadingPastTheEndIsStopped() throws java.io.IOException {
        byte[] mutant = java.nio.file.Files.readAllBytes(
                TestFiles.TESTDATA.resolve("hostile/found/webp-lossless-read-past-end.webp"));
        refused(() -> ImageDecoder.decode(mutant), "WEBP", "past its end");
    }

    /** The same JPEG with its frame header (SOF0..SOF2) saying {@code w x h}. */
    private static byte[] jpegDeclaring(byte[] jpeg, int w, int h) {
        byte[] out = jpeg.clone();
        for (int i = 2; i + 9 < out.length; ) {
            int marker = out[i + 1] & 0xFF;
            if (marker >= 0xC0 && marker <= 0xC2) {
                ByteBuffer.wrap(out).putShort(i + 5, (short) h).putShort(i + 7, (short) w);
                return out;
            }
            i += 2 + (ByteBuffer.wrap(out).getShort(i + 2) & 0xFFFF);
        }
        throw new AssertionError("no frame header");
    }

    private static byte[] ascii(String header, int dataBytes) {
        return ByteBuffer.allocate(header.length() + dataBytes).put(header.getBytes(StandardCharsets.US_ASCII)).array();
    }

    /** A 24-bit BMP header (BITMAPINFOHEADER) declaring {@code w x h}, and a few bytes of pixels. */
    private static byte[] bmp(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(54 + 16).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(54 + 16).putInt(0).putInt(54);
        b.putInt(40).putInt(w).putInt(h).putShort((short) 1).putShort((short) 24).putInt(0).putInt(0).putInt(2835).putInt(2835)
                .putInt(0).putInt(0);
        out.writeBytes(b.array());
        return out.toByteArray();
    }
}
