package org.convkit.io.image;

import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;

/**
 * A direct PNG decoder for the common case, 8 or 16-bit gray / gray+alpha / RGB / RGBA, not interlaced,
 * no transparent-colour key: inflate, undo the row filters, spread into float planes, in one pass and
 * without BufferedImage. About twice as fast as ImageIO's reader. Anything else (palettes, 1-4 bit,
 * Adam7, tRNS) returns null and goes to ImageIO, but only after {@link #read} has checked what every
 * PNG must satisfy before anything is allocated: one IHDR of 13 bytes, first; a size within
 * {@link PixelLimit}; and image data that deflate could inflate to that size.
 */
final class PngReader {
    private static final long SIGNATURE = 0x89504E470D0A1A0AL;
    private static final int IHDR = 0x49484452;
    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454E44;
    private static final int TRNS = 0x74524E53;
    /** Deflate's largest ratio: a 258-byte match in 2 bits (zlib's documentation, "technical details"). */
    private static final long MAX_INFLATE_RATIO = 1032;

    private PngReader() {}

    static boolean matches(byte[] b) {
        return b.length >= 8 && ByteBuffer.wrap(b).getLong(0) == SIGNATURE;
    }

    /** The image, or null when this reader does not handle the file's kind of PNG. */
    static DecodedImage read(byte[] bytes) throws ImageFormatException {
        Chunks chunks = Chunks.scan(bytes);
        Header h = chunks.header;
        boolean ours = (h.depth == 8 || h.depth == 16) && h.interlace == 0
                && (h.colourType == 0 || h.colourType == 2 || h.colourType == 4 || h.colourType == 6) && !chunks.transparency;
        if (!ours) {
            return null;
        }
        if (chunks.truncated != null) {
            throw new ImageFormatException(chunks.truncated);
        }
        long raw = (long) h.height * (rowBytes(h.width, h.depth, h.colourType) + 1);
        if (raw > PixelLimit.ARRAY_MAX) {
            throw new ImageFormatException("PNG of " + h.width + "x" + h.height + " is too large for convkit (" + raw
                    + " bytes of image data)");
        }
        byte[] data = new byte[(int) raw];
        int produced = 0;
        Inflater inflater = new Inflater();
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            for (int pos = 8; ; ) {
                int length = b.getInt(pos);
                int type = b.getInt(pos + 4);
                int start = pos + 8;
                if (type == IEND) {
                    break;
                }
                if (type == IDAT) {
                    inflater.setInput(bytes, start, length);
                    while (!inflater.needsInput() && !inflater.finished() && produced < data.length) {
                        int n = inflater.inflate(data, produced, data.length - produced);
                        produced += n;
                        if (n == 0 && inflater.needsDictionary()) {
                            throw new ImageFormatException("corrupt PNG (zlib stream needs a dictionary)");
                        }
                    }
                }
                pos = start + length + 4; // skip the CRC: zlib's Adler-32 guards the pixels
            }
        } catch (DataFormatException e) {
            throw new ImageFormatException("corrupt PNG (" + e.getMessage() + ")", e);
        } finally {
            inflater.end();
        }
        if (produced < data.length) {
            throw new ImageFormatException("corrupt or truncated PNG (image data ends early)");
        }
        return toImage(data, h.width, h.height, h.depth, h.colourType);
    }

    /** The IHDR fields. */
    private record Header(int width, int height, int depth, int colourType, int interlace) {}

    /**
     * One walk over the chunk headers, up to IEND, before anything is allocated. Structural faults that
     * every reader would stumble on are thrown; a file that ends early is only noted in
     * {@link #truncated}, since ImageIO may still read the kinds of PNG this class leaves to it.
     */
    private record Chunks(Header header, boolean transparency, String truncated) {
        static Chunks scan(byte[] bytes) throws ImageFormatException {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            Header header = null;
            boolean transparency = false;
            long compressed = 0;
            String truncated = null;
            for (int pos = 8; ; ) {
                if (pos + 8 > bytes.length) {
                    truncated = "corrupt or truncated PNG (file ends before the image data does)";
                    break;
                }
                int length = b.getInt(pos);
                int type = b.getInt(pos + 4);
                int start = pos + 8;
                if (length < 0 || start + (long) length > bytes.length) {
                    if (header == null) {
                        throw new ImageFormatException("corrupt or truncated PNG (file ends inside the IHDR chunk)");
                    }
                    truncated = "corrupt or truncated PNG (file ends inside a chunk)";
                    break;
                }
                if (header == null) {
                    if (type != IHDR) {
                        throw new ImageFormatException("corrupt PNG (the first chunk is not IHDR)");
                    }
                    header = header(b, start, length);
                } else if (type == IHDR) {
                    throw new ImageFormatException("corrupt PNG (second IHDR)");
                } else if (type == IDAT) {
                    compressed += length;
                } else if (type == TRNS) {
                    transparency = true; // a transparent colour key: ImageIO's reading of it is the reference
                } else if (type == IEND) {
                    break;
                }
                pos = start + length + 4;
            }
            if (header == null) {
                throw new ImageFormatException("corrupt or truncated PNG (no IHDR chunk)");
            }
            if (truncated == null) {
                checkInflatable(header, compressed);
            }
            return new Chunks(header, transparency, truncated);
        }

        private static Header header(ByteBuffer b, int start, int length) throws ImageFormatException {
            if (length != 13) {
                throw new ImageFormatException("corrupt PNG (IHDR chunk of " + length + " bytes, not 13)");
            }
            Header h = new Header(b.getInt(start), b.getInt(start + 4), b.get(start + 8), b.get(start + 9), b.get(start + 12));
            PixelLimit.check(h.width, h.height, "PNG");
            return h;
        }

        /**
         * Refuses image data that could not inflate to the header's size even at deflate's largest
         * ratio: a small file must not make any reader allocate for a large image it does not hold.
         * The bound counts the samples only (no filter bytes, no Adam7 passes), so it holds for every kind.
         */
        private static void checkInflatable(Header h, long compressed) throws ImageFormatException {
            long samples = (long) h.width * h.height * channels(h.colourType);
            long bytes = h.depth > 0 && h.depth <= 16 ? samples * h.depth / 8 : samples;
            if (bytes > compressed * MAX_INFLATE_RATIO + MAX_INFLATE_RATIO) {
                throw new ImageFormatException("corrupt or truncated PNG (a " + h.width + "x" + h.height + " image needs "
                        + bytes + " bytes of samples; its " + compressed + " bytes of image data cannot hold them)");
            }
        }
    }

    /** Samples per pixel of a colour type (a palette index is one). */
    private static int channels(int colourType) {
        return switch (colourType) {
            case 0, 3 -> 1;
            case 4 -> 2;
            case 2 -> 3;
            default -> 4;
        };
    }

    private static long rowBytes(int w, int depth, int colourType) {
        return (long) w * (channels(colourType) * depth / 8);
    }

    private static DecodedImage toImage(byte[] data, int w, int h, int depth, int colourType) throws ImageFormatException {
        int n = channels(colourType);
        int bpp = n * depth / 8;
        int stride = (int) rowBytes(w, depth, colourType); // read() checked that h rows of it fit in an array
        for (int y = 0; y < h; y++) {
            int row = y * (stride + 1);
            unfilter(data[row], data, row + 1, y == 0 ? -1 : row - stride, stride, bpp);
        }
        Plane[] planes = new Plane[n];
        for (int c = 0; c < n; c++) {
            float[] p = new float[w * h];
            for (int y = 0; y < h; y++) {
                spreadRow(data, y * (stride + 1) + 1, depth, n, c, p, y * w, w);
            }
            planes[c] = new Plane(w, h, p);
        }
        boolean alpha = n == 2 || n == 4;
        int colours = alpha ? n - 1 : n;
        return new DecodedImage(new FloatImage(java.util.Arrays.copyOf(planes, colours)), alpha ? planes[colours] : null,
                depth == 8 ? SampleDepth.U8 : SampleDepth.U16);
    }

    /** Channel {@code c} of one unfiltered row into floats (8-bit, or 16-bit big-endian). */
    private static void spreadRow(byte[] data, int row, int depth, int n, int c, float[] p, int o, int w) {
        if (depth == 8) {
            for (int x = 0, i = row + c; x < w; x++, i += n) {
                p[o + x] = data[i] & 0xff;
            }
        } else {
            for (int x = 0, i = row + 2 * c; x < w; x++, i += 2 * n) {
                p[o + x] = ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
            }
        }
    }

    /** Undoes one row's filter in place; {@code prev} is the previous row's first byte, -1 for the first row. */
    private static void unfilter(byte filter, byte[] d, int cur, int prev, int stride, int bpp) throws ImageFormatException {
        switch (filter) {
            case 0 -> { }
            case 1 -> {
                for (int i = bpp; i < stride; i++) d[cur + i] += d[cur + i - bpp];
            }
            case 2 -> {
                if (prev >= 0) for (int i = 0; i < stride; i++) d[cur + i] += d[prev + i];
            }
            case 3 -> {
                for (int i = 0; i < stride; i++) {
                    int a = i >= bpp ? d[cur + i - bpp] & 0xff : 0;
                    int b = prev >= 0 ? d[prev + i] & 0xff : 0;
                    d[cur + i] += (byte) ((a + b) >>> 1);
                }
            }
            case 4 -> {
                for (int i = 0; i < stride; i++) {
                    int a = i >= bpp ? d[cur + i - bpp] & 0xff : 0;
                    int b = prev >= 0 ? d[prev + i] & 0xff : 0;
                    int c = prev >= 0 && i >= bpp ? d[prev + i - bpp] & 0xff : 0;
                    int p = a + b - c;
                    int pa = Math.abs(p - a);
                    int pb = Math.abs(p - b);
                    int pc = Math.abs(p - c);
                    d[cur + i] += (byte) (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
                }
            }
            default -> throw new ImageFormatException("corrupt PNG (unknown row filter " + filter + ")");
        }
    }
}
