package org.convkit.io.image;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * The one place convkit decodes image files: PNG, JPEG, TIFF (8/16-bit and 32-bit float), BMP, GIF,
 * PNM/PAM, PSD and WebP through ImageIO and TwelveMonkeys; PFM, NumPy {@code .npy} and the common
 * kinds of PNG by our own readers. Formats are recognised by their content, not their name.
 */
public final class ImageDecoder {
    private ImageDecoder() {}

    /**
     * Reads an image file. File-system problems (missing, unreadable) come out as the usual
     * {@link IOException}s; bad content as {@link ImageFormatException} whose message is the reason.
     */
    public static DecodedImage read(Path path) throws IOException {
        BasicFileAttributes file = Files.readAttributes(path, BasicFileAttributes.class);
        if (file.isRegularFile()) {
            if (file.size() > PixelLimit.ARRAY_MAX) {
                throw tooLarge();
            }
            return decode(Files.readAllBytes(path));
        }
        if (file.isDirectory()) {
            throw new ImageFormatException("a folder, not an image file");
        }
        if (isDevice(path)) { // /dev/zero and its kind never end
            throw new ImageFormatException("a device, not an image file");
        }
        try (InputStream pipe = Files.newInputStream(path)) { // a named pipe, as made by the shell's <(...)
            return read(pipe);
        }
    }

    private static boolean isDevice(Path path) {
        try {
            int type = (Integer) Files.getAttribute(path, "unix:mode") & 0170000;
            return type == 0020000 || type == 0060000; // S_IFCHR, S_IFBLK
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false; // no unix attributes here: read it as a pipe
        }
    }

    /** Reads one image from a stream to its end (standard input). */
    public static DecodedImage read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) PixelLimit.ARRAY_MAX);
        if (bytes.length == PixelLimit.ARRAY_MAX && in.read() != -1) {
            throw tooLarge();
        }
        return decode(bytes);
    }

    private static ImageFormatException tooLarge() {
        return new ImageFormatException("over 2 GB: convkit reads image files of up to 2 GB");
    }

    /**
     * Decodes a whole file's bytes. Every failure caused by the content, whichever decoder meets it,
     * is an {@link ImageFormatException} with the reason; no pixel buffer is allocated before the
     * header's size has passed {@link PixelLimit}.
     */
    public static DecodedImage decode(byte[] bytes) throws ImageFormatException {
        if (bytes.length == 0) {
            throw new ImageFormatException("empty file");
        }
        if (NpyCodec.matches(bytes)) {
            return guarded(".npy", () -> NpyCodec.read(bytes));
        }
        if (PfmCodec.matches(bytes)) {
            return guarded("PFM", () -> PfmCodec.read(bytes));
        }
        if (PngReader.matches(bytes)) {
            DecodedImage png = guarded("PNG", () -> PngReader.read(bytes));
            if (png != null) {
                return png;
            }
        }
        List<ImageReader> readers = readersFor(bytes);
        if (readers.isEmpty()) {
            throw new ImageFormatException("not an image convkit can read (unknown format)");
        }
        ImageFormatException first = null;
        for (ImageReader reader : readers) {   // the next reader gets its chance when one fails
            try {
                return decode(bytes, reader);
            } catch (ImageFormatException e) {
                first = first == null ? e : first;
            }
        }
        throw first;
    }

    private interface OwnReader {
        DecodedImage read() throws ImageFormatException;
    }

    /**
     * Runs one of convkit's own readers. They check what they read and throw ImageFormatException
     * themselves; an unchecked exception that still escapes one on some hostile file is a reason about
     * that file all the same, not a failure of the whole command.
     */
    private static DecodedImage guarded(String format, OwnReader reader) throws ImageFormatException {
        try {
            return reader.read();
        } catch (RuntimeException e) {
            throw new ImageFormatException("corrupt " + format + " (" + e + ")", e);
        }
    }

    /**
     * The readers that recognise the content. For TIFF the JDK's own reader goes first: TwelveMonkeys
     * 3.13.1 clamps 32-bit float samples to 0..1 (seen on files written by OpenCV), the JDK's keeps them.
     */
    private static List<ImageReader> readersFor(byte[] bytes) throws ImageFormatException {
        List<ImageReader> readers = new ArrayList<>();
        ImageIOSetup.ready();
        try (ImageInputStream in = new BytesImageInputStream(bytes)) {
            Iterator<ImageReader> it = ImageIO.getImageReaders(in);
            while (it.hasNext()) {
                readers.add(it.next());
            }
        } catch (IOException | RuntimeException e) { // a plugin's look at the first bytes can fail on hostile ones too
            throw new ImageFormatException("unreadable (" + reason(e) + ")", e);
        }
        readers.sort(java.util.Comparator.comparingInt(r -> r.getClass().getName().startsWith("com.sun.imageio.plugins.tiff") ? 0 : 1));
        return readers;
    }

    private static DecodedImage decode(byte[] bytes, ImageReader reader) throws ImageFormatException {
        String format;
        try {
            format = reader.getFormatName().toUpperCase(Locale.ROOT);
        } catch (IOException e) {
            format = "image";
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener((r, warning) -> warnings.add(warning));
        try (ImageInputStream in = new BytesImageInputStream(bytes)) {
            reader.setInput(in, true, true);
            // ImageIO's readers allocate the whole raster from the header: ask for the size first
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            PixelLimit.check(width, height, format);
            switch (format) {
                case "PNM", "PAM" -> checkUncompressedSize(reader, format, width, height, bytes.length);
                case "BMP" -> {
                    if (bmpUncompressed(bytes)) {
                        checkUncompressedSize(reader, format, width, height, bytes.length);
                    } else {
                        checkCompressedSize(format, width, height, bytes.length, MOST_PIXELS_PER_BYTE_RLE);
                    }
                }
                case "JPEG" -> checkCompressedSize(format, width, height, bytes.length, MOST_PIXELS_PER_BYTE_JPEG);
                case "GIF" -> checkCompressedSize(format, width, height, bytes.length, MOST_PIXELS_PER_BYTE_GIF);
                default -> { } // TIFF, WebP, PSD: the pixel limit alone (fax and lossless WebP compress without a useful bound)
            }
            BufferedImage image = reader.read(0);
            // libjpeg fills a cut-off JPEG with grey and only warns: a truncated file is an error for us
            for (String w : warnings) {
                if (w.toLowerCase(Locale.ROOT).contains("premature end")) {
                    throw new ImageFormatException("truncated " + format + " (" + w + ")");
                }
            }
            return Rasters.toDecoded(image);
        } catch (ImageFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageFormatException("corrupt or truncated " + format + " (" + reason(e) + ")", e);
        } finally {
            reader.dispose();
        }
    }

    /**
     * PNM and PAM samples are stored raw (or as ASCII, which is longer): a file shorter than its
     * rows of packed samples cannot hold the image it declares.
     */
    /**
     * The most pixels one byte of a compressed file can decode to, with room to spare, so that a header
     * declaring more than its file could hold is refused before ImageIO allocates the raster. JPEG's
     * Huffman coding spends at least a bit on each 8x8 block per scan (64 pixels a bit, 512 a byte in
     * gray). GIF's LZW codes take at least 9 bits once the table is past its first entries and, with a
     * clear every 4,096 codes, average under 1,500 pixels a byte. BMP's RLE runs hold 255 pixels in 2 bytes.
     */
    static final long MOST_PIXELS_PER_BYTE_JPEG = 1024, MOST_PIXELS_PER_BYTE_GIF = 2048, MOST_PIXELS_PER_BYTE_RLE = 256;

    private static void checkCompressedSize(String format, int width, int height, long fileBytes, long mostPixelsPerByte)
            throws ImageFormatException {
        long pixels = (long) width * height;
        if (pixels > fileBytes * mostPixelsPerByte) {
            throw new ImageFormatException("corrupt " + format + " (it declares " + width + "x" + height
                    + " pixels, more than " + fileBytes + " bytes of " + format + " can hold)");
        }
    }

    /** BI_RGB, BI_BITFIELDS or BI_ALPHABITFIELDS in a BITMAPINFOHEADER or later: the samples are stored as they are. */
    private static boolean bmpUncompressed(byte[] bytes) {
        if (bytes.length < 34 || (bytes[14] & 0xFF) < 40) {
            return true; // an OS/2 core header has no compression field
        }
        int compression = java.nio.ByteBuffer.wrap(bytes, 30, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
        return compression == 0 || compression == 3 || compression == 6;
    }

    private static void checkUncompressedSize(ImageReader reader, String format, int width, int height, long fileBytes)
            throws IOException {
        javax.imageio.ImageTypeSpecifier type = reader.getRawImageType(0);
        if (type == null) {
            return;
        }
        long rowBits = (long) width * type.getNumBands() * type.getBitsPerBand(0);
        long need = height * ((rowBits + 7) / 8);
        if (need > fileBytes) {
            throw new ImageFormatException("truncated " + format + " (a " + width + "x" + height + " image needs " + need
                    + " bytes of samples; the file holds " + fileBytes + ")");
        }
    }

    /** The most telling message in a chain of causes. */
    static String reason(Throwable e) {
        String best = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank()) {
                best = best == null ? m : best + ": " + m;
            } else if (best == null && t.getCause() == null) {
                best = t.getClass().getSimpleName();
            }
            if (t.getCause() == t) break;
        }
        return best == null ? e.getClass().getSimpleName() : best;
    }
}
