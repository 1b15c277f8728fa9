package org.convkit.features.testing;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.convkit.filters.image.FloatImage;
import org.convkit.filters.image.Plane;

/** Test inputs from the repository's {@code testdata/}: real PNGs (lossless) and raw float32 references. */
public final class TestData {
    private TestData() {}

    public static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("testdata/images"))) {
                return p.resolve("testdata");
            }
        }
        throw new IllegalStateException("testdata/ not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * A PNG from testdata/images as samples in their stored scale (8-bit 0..255, 16-bit 0..65535),
     * gray or RGB; alpha dropped. Cropped to rows [row0, row0+rows), columns [col0, col0+cols) unless
     * {@code rows <= 0}.
     */
    public static FloatImage png(String name, int row0, int col0, int rows, int cols) throws IOException {
        BufferedImage img = ImageIO.read(root().resolve("images").resolve(name).toFile());
        Raster r = img.getRaster();
        if (img.getColorModel() instanceof java.awt.image.IndexColorModel) {
            throw new IllegalArgumentException(name + ": palette PNGs are not used by these tests");
        }
        if (rows <= 0) {
            row0 = 0;
            col0 = 0;
            rows = r.getHeight();
            cols = r.getWidth();
        }
        int channels = Math.min(3, r.getNumBands());
        Plane[] planes = new Plane[channels];
        for (int c = 0; c < channels; c++) {
            Plane p = new Plane(cols, rows);
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    p.set(x, y, r.getSample(col0 + x, row0 + y, c));
                }
            }
            planes[c] = p;
        }
        return new FloatImage(planes);
    }

    public static float[] f32(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[b.remaining() / 4];
        b.asFloatBuffer().get(v);
        return v;
    }

    /** The non-comment lines of a tab-separated manifest, split. */
    public static List<String[]> tsv(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.split("\t")).toList();
    }
}
