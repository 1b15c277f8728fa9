package org.convkit.io.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;

/**
 * Turns a decoded {@link BufferedImage} into planes. Byte and ushort rasters are read straight from
 * their arrays (no per-pixel getRGB, which is slow and would convert gray through a linear colour
 * space); palettes are looked up; anything else goes through the colour model to 8-bit sRGB.
 */
final class Rasters {
    private Rasters() {}

    static DecodedImage toDecoded(BufferedImage img) {
        ColorModel cm = img.getColorModel();
        if (cm instanceof IndexColorModel icm) {
            return fromPalette(img.getRaster(), icm);
        }
        if (cm instanceof ComponentColorModel && isGrayOrRgb(cm) && img.getRaster().getNumBands() == cm.getNumComponents()) {
            if (cm.isAlphaPremultiplied()) {
                img.coerceData(false);
            }
            return fromComponents(img.getRaster(), cm);
        }
        return fromArgb(img);
    }

    private static boolean isGrayOrRgb(ColorModel cm) {
        int type = cm.getColorSpace().getType();
        int colours = cm.getNumColorComponents();
        return (type == ColorSpace.TYPE_GRAY && colours == 1) || (type == ColorSpace.TYPE_RGB && colours == 3);
    }

    private static DecodedImage fromComponents(Raster raster, ColorModel cm) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int colours = cm.getNumColorComponents();
        int bands = raster.getNumBands();
        SampleDepth depth = switch (raster.getDataBuffer().getDataType()) {
            case DataBuffer.TYPE_BYTE -> SampleDepth.U8;
            case DataBuffer.TYPE_USHORT -> cm.getComponentSize(0) <= 8 ? SampleDepth.U8 : SampleDepth.U16;
            default -> SampleDepth.FLOAT; // float, double or 32-bit integer samples (TIFF)
        };
        Plane[] planes = new Plane[bands];
        for (int b = 0; b < bands; b++) {
            planes[b] = new Plane(w, h, readBand(raster, b));
        }
        Plane[] colour = java.util.Arrays.copyOf(planes, colours);
        return new DecodedImage(new FloatImage(colour), cm.hasAlpha() ? planes[colours] : null, depth);
    }

    /** One band as floats, from the backing array when the layout allows. */
    private static float[] readBand(Raster raster, int band) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        float[] out = new float[w * h];
        SampleModel sm = raster.getSampleModel();
        DataBuffer db = raster.getDataBuffer();
        if (sm instanceof ComponentSampleModel csm && (db instanceof DataBufferByte || db instanceof DataBufferUShort)) {
            int bank = csm.getBankIndices()[band];
            int pixelStride = csm.getPixelStride();
            int scan = csm.getScanlineStride();
            int base = db.getOffsets()[bank] + csm.getBandOffsets()[band]
                    - raster.getSampleModelTranslateY() * scan - raster.getSampleModelTranslateX() * pixelStride;
            if (db instanceof DataBufferByte bytes) {
                byte[] a = bytes.getData(bank);
                for (int y = 0, o = 0; y < h; y++) {
                    for (int x = 0, i = base + y * scan; x < w; x++, i += pixelStride) {
                        out[o++] = a[i] & 0xff;
                    }
                }
            } else {
                short[] a = ((DataBufferUShort) db).getData(bank);
                for (int y = 0, o = 0; y < h; y++) {
                    for (int x = 0, i = base + y * scan; x < w; x++, i += pixelStride) {
                        out[o++] = a[i] & 0xffff;
                    }
                }
            }
            return out;
        }
        return raster.getSamples(raster.getMinX(), raster.getMinY(), w, h, band, out);
    }

    private static DecodedImage fromPalette(Raster raster, IndexColorModel icm) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int n = icm.getMapSize();
        boolean gray = true;
        boolean alpha = false;
        for (int i = 0; i < n; i++) {
            int r = icm.getRed(i);
            gray &= r == icm.getGreen(i) && r == icm.getBlue(i);
            alpha |= icm.getAlpha(i) != 255;
        }
        int[] index = raster.getSamples(raster.getMinX(), raster.getMinY(), w, h, 0, (int[]) null);
        Plane[] planes = new Plane[gray ? 1 : 3];
        for (int c = 0; c < planes.length; c++) {
            planes[c] = new Plane(w, h);
        }
        Plane a = alpha ? new Plane(w, h) : null;
        for (int i = 0; i < index.length; i++) {
            int k = Math.min(index[i], n - 1);
            planes[0].data()[i] = icm.getRed(k);
            if (!gray) {
                planes[1].data()[i] = icm.getGreen(k);
                planes[2].data()[i] = icm.getBlue(k);
            }
            if (a != null) {
                a.data()[i] = icm.getAlpha(k);
            }
        }
        return new DecodedImage(new FloatImage(planes), a, SampleDepth.U8);
    }

    /** Packed or exotic layouts (BMP 16-bit, CMYK...): through the colour model to 8-bit sRGB. */
    private static DecodedImage fromArgb(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        boolean alpha = img.getColorModel().hasAlpha();
        boolean gray = img.getColorModel().getColorSpace().getType() == ColorSpace.TYPE_GRAY;
        Plane[] planes = new Plane[gray ? 1 : 3];
        for (int c = 0; c < planes.length; c++) {
            planes[c] = new Plane(w, h);
        }
        Plane a = alpha ? new Plane(w, h) : null;
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            planes[0].data()[i] = (p >> 16) & 0xff;
            if (!gray) {
                planes[1].data()[i] = (p >> 8) & 0xff;
                planes[2].data()[i] = p & 0xff;
            }
            if (a != null) {
                a.data()[i] = p >>> 24;
            }
        }
        return new DecodedImage(new FloatImage(planes), a, SampleDepth.U8);
    }
}
