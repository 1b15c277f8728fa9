package org.convkit.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.convkit.filters.border.Border;
import org.convkit.filters.border.BorderMode;
import org.convkit.filters.image.Plane;
import org.convkit.filters.kernel.Kernel;
import org.convkit.filters.kernel.Kernels;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every case of {@code testdata/filters/manifest.tsv} (made by {@code make_refs.py} with
 * OpenCV and SciPy on real images) and compares convkit's output to 1e-4 of the reference's largest
 * magnitude.
 */
class FiltersReferenceTest {
    static final Path DIR = Path.of("..", "testdata", "filters");
    private static final double RELATIVE = 1e-4;

    record Case(String group, String array, String op, String argument, String border, String peer, String call) {
        @Override
        public String toString() { return group + " " + op + " " + argument + " border=" + border + " vs " + call; }
    }

    static List<Case> cases() throws IOException {
        List<Case> cases = new ArrayList<>();
        for (String line : Files.readAllLines(DIR.resolve("manifest.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            cases.add(new Case(f[0], f[1], f[2], f[3], f[4], f[5], f[6]));
        }
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> everyReferenceCase() throws IOException {
        Map<String, Map<String, Npy.Array>> groups = new HashMap<>();
        List<Case> cases = cases();
        for (Case c : cases) {
            if (!groups.containsKey(c.group)) {
                groups.put(c.group, Npy.readNpz(DIR.resolve(c.group + ".npz")));
            }
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            Map<String, Npy.Array> g = groups.get(c.group);
            compare(c, g.get("input"), g.get(c.array), filter(c.op, c.argument), border(c.border));
        }));
    }

    @Test
    void manifestCoversEveryBuiltInKernelInEveryBorderMode() throws IOException {
        List<Case> cases = cases();
        for (String kernel : List.of("identity()", "box(3)", "box(5)", "gaussian(1)", "gaussian(2)", "gaussian(1.5,7)",
                "sobelX()", "sobelY()", "scharrX()", "scharrY()", "prewittX()", "prewittY()", "laplacian()",
                "laplacian8()", "sharpen()", "emboss()")) {
            for (String border : List.of("zero", "constant:37.5", "replicate", "reflect", "reflect101", "wrap")) {
                assertTrue(cases.stream().anyMatch(c -> c.op.equals("convolve") && c.argument.equals(kernel) && c.border.equals(border)),
                        kernel + " " + border);
            }
        }
        for (String op : List.of("median", "min", "max")) {
            assertTrue(cases.stream().anyMatch(c -> c.op.equals(op) && c.peer.equals("opencv")), op);
        }
    }

    static void compare(Case c, Npy.Array input, Npy.Array expected, Filter filter, Border border) {
        int h = input.dim(0);
        int w = input.dim(1);
        int channels = input.shape().length == 3 ? input.dim(2) : 1;
        double scale = 0;
        for (float v : expected.data()) {
            scale = Math.max(scale, Math.abs(v));
        }
        double tolerance = RELATIVE * Math.max(scale, 1e-3);
        for (int ch = 0; ch < channels; ch++) {
            float[] plane = new float[w * h];
            for (int i = 0; i < plane.length; i++) {
                plane[i] = input.data()[i * channels + ch];
            }
            Plane src = new Plane(w, h, plane);
            float[] before = plane.clone();
            Plane out = filter.apply(src, border);
            assertTrue(java.util.Arrays.equals(before, plane), "the filter modified its input");
            assertEquals(w, out.width());
            assertEquals(h, out.height());
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    float want = expected.data()[(y * w + x) * channels + ch];
                    float got = out.get(x, y);
                    if (!(Math.abs(got - want) <= tolerance)) {
                        fail(c + ": at (" + x + ", " + y + ") channel " + ch + " got " + got + ", want " + want
                                + " (tolerance " + tolerance + ")");
                    }
                }
            }
        }
    }

    static Border border(String spec) {
        if (spec.startsWith("constant:")) {
            return Border.constant(Float.parseFloat(spec.substring("constant:".length())));
        }
        return Border.of(switch (spec) {
            case "zero" -> BorderMode.ZERO;
            case "replicate" -> BorderMode.REPLICATE;
            case "reflect" -> BorderMode.REFLECT;
            case "reflect101" -> BorderMode.REFLECT_101;
            case "wrap" -> BorderMode.WRAP;
            default -> throw new IllegalArgumentException("unknown border " + spec);
        });
    }

    static Filter filter(String op, String argument) {
        return switch (op) {
            case "convolve" -> Filters.convolve(kernel(argument));
            case "correlate" -> Filters.correlate(kernel(argument));
            case "gaussian_filter" -> Filters.convolve(Kernels.gaussian(Double.parseDouble(argument)));
            case "median" -> Filters.median(Integer.parseInt(argument));
            case "min" -> Filters.min(Integer.parseInt(argument));
            case "max" -> Filters.max(Integer.parseInt(argument));
            case "sobelmag" -> Filters.sobelMagnitude();
            case "unsharp" -> {
                String[] a = argument.split(",");
                yield Filters.unsharp(Double.parseDouble(a[0]), Double.parseDouble(a[1]));
            }
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
    }

    static Kernel kernel(String spec) {
        if (spec.startsWith("[")) {
            return Kernel.parse(spec.substring(1, spec.length() - 1));
        }
        String name = spec.substring(0, spec.indexOf('('));
        String[] args = spec.substring(spec.indexOf('(') + 1, spec.length() - 1).split(",");
        return switch (name) {
            case "identity" -> Kernels.identity();
            case "box" -> Kernels.box(Integer.parseInt(args[0]));
            case "gaussian" -> args.length == 1 ? Kernels.gaussian(Double.parseDouble(args[0]))
                    : Kernels.gaussian(Double.parseDouble(args[0]), Integer.parseInt(args[1]));
            case "sobelX" -> Kernels.sobelX();
            case "sobelY" -> Kernels.sobelY();
            case "scharrX" -> Kernels.scharrX();
            case "scharrY" -> Kernels.scharrY();
            case "prewittX" -> Kernels.prewittX();
            case "prewittY" -> Kernels.prewittY();
            case "laplacian" -> Kernels.laplacian();
            case "laplacian8" -> Kernels.laplacian8();
            case "sharpen" -> Kernels.sharpen();
            case "emboss" -> Kernels.emboss();
            default -> throw new IllegalArgumentException("unknown kernel " + spec);
        };
    }
}
