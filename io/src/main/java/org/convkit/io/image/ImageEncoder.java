package org.convkit.io.image;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The one place convkit encodes images: JPEG and BMP through ImageIO; PNG (see {@link PngWriter}
 * for why), TIFF (8, 16 or 32-bit float), PNM/PAM, PFM and {@code .npy} by our own writers. Integer depths go through a {@link RangeMode};
 * float output keeps the image's scale.
 */
public final class ImageEncoder {
    /** OpenCV's and libjpeg-turbo's cjpeg default is 95 / 75; we follow OpenCV (cv2.imwrite). */
    static final float JPEG_QUALITY = 0.95f;

    private ImageEncoder() {}

    /**
     * The depth a file gets: {@code requested} when given (IllegalArgumentException if the format cannot
     * hold it), else the source's when the format holds it, else 8-bit (float for PFM).
     */
    public static SampleDepth depthFor(OutputFormat out, SampleDepth requested, SampleDepth source) {
        ImageFormat f = out.format();
        if (requested != null) {
            if (!f.holds(requested)) {
                throw new IllegalArgumentException(out.extension() + " files cannot hold " + requested + " samples"
                        + (requested == SampleDepth.FLOAT ? " (float output: tiff, pfm, npy)" : ""));
            }
            return requested;
        }
        if (f.holds(source)) return source;
        return f.holds(SampleDepth.U8) ? SampleDepth.U8 : SampleDepth.FLOAT;
    }

    /** Encodes {@code img} to {@code out} (which is not closed). */
    public static void write(DecodedImage img, OutputFormat format, SampleDepth depth, RangeMode range, OutputStream out)
            throws IOException {
        if (!format.format().holds(depth)) {
            throw new IllegalArgumentException(format.extension() + " files cannot hold " + depth + " samples");
        }
        switch (format.format()) {
            case TIFF -> TiffWriter.write(img, depth, range, out);
            case NPY -> NpyCodec.write(img, depth, range, out);
            case PFM -> PfmCodec.write(img, out);
            case PNM -> PnmWriter.write(img, depth, range, format.pam(), out);
            case PNG -> PngWriter.write(img, depth, range, out);
            case JPEG, BMP -> writeImageIO(img, format, depth, range, out);
            default -> throw new IllegalArgumentException("convkit cannot write " + format.format());
        }
    }

    private static void writeImageIO(DecodedImage img, OutputFormat format, SampleDepth depth, RangeMode range,
                                     OutputStream out) throws IOException {
        ImageIOSetup.ready();
        BufferedImage image = toBufferedImage(img, depth, range, format.holdsAlpha());
        String name = format.format() == ImageFormat.JPEG ? "jpeg" : format.extension();
        ImageWriter writer = ImageIO.getImageWritersByFormatName(name).next();
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (format.format() != ImageFormat.BMP && param.canWriteCompressed()) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    /**
     * Standard layouts every ImageIO writer knows: BYTE_GRAY, 3BYTE_BGR, 4BYTE_ABGR, USHORT_GRAY; gray +
     * alpha and 16-bit colour as interleaved component images.
     */
    static BufferedImage toBufferedImage(DecodedImage img, SampleDepth depth, RangeMode range, boolean withAlpha) {
        boolean alpha = withAlpha && img.hasAlpha();
        int colours = img.image().channelCount();
        int n = colours + (alpha ? 1 : 0);
        int w = img.width();
        int h = img.height();
        boolean bgr = depth == SampleDepth.U8 && colours == 3;
        int[] order = new int[n];
        int[] bandOffsets = new int[n];     // where band b (R, G, B, A or gray, A) sits in a pixel
        for (int b = 0; b < n; b++) {
            int pos = bgr ? n - 1 - b : b;   // ABGR / BGR: reversed
            order[pos] = b;
            bandOffsets[b] = pos;
        }
        DataBuffer buffer;
        int type;
        if (depth == SampleDepth.U16) {
            short[] s = Interleave.shorts(img, order, range);
            buffer = new DataBufferUShort(s, s.length);
            type = DataBuffer.TYPE_USHORT;
        } else {
            byte[] b = Interleave.bytes(img, order, range);
            buffer = new DataBufferByte(b, b.length);
            type = DataBuffer.TYPE_BYTE;
        }
        ColorSpace cs = ColorSpace.getInstance(colours == 1 ? ColorSpace.CS_GRAY : ColorSpace.CS_sRGB);
        ColorModel cm = new ComponentColorModel(cs, alpha, false, alpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE, type);
        WritableRaster raster = Raster.createInterleavedRaster(buffer, w, h, w * n, n, bandOffsets, null);
        return new BufferedImage(cm, raster, false, null);
    }
}
