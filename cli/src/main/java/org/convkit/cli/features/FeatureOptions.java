package org.convkit.cli.features;

import java.util.LinkedHashMap;
import java.util.Map;
import org.convkit.io.image.DecodedImage;
import org.convkit.features.FeatureExtractor;
import org.convkit.features.gist.Gist;
import org.convkit.features.gist.GistParameters;
import org.convkit.features.hog.Hog;
import org.convkit.features.hog.HogParameters;
import org.convkit.features.pixels.Pixels;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Which feature to extract and its options ({@code @Mixin FeatureOptions features;}): {@code --type},
 * {@code --orientations} (an integer for hog, one per scale for gist) and the HOG and GIST options.
 * {@link #build()} gives a thread-safe {@link SampleFeatures}.
 */
public final class FeatureOptions {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = "--type", paramLabel = "hog|gist|pixels", defaultValue = "hog", converter = TypeConverter.class,
            description = "The feature: hog (scikit-image's hog), gist (LMgist), pixels (raw pixels scaled to [0, 1], HWC order) (default: ${DEFAULT-VALUE}).")
    FeatureType type;

    @Option(names = "--orientations", paramLabel = "N|N,N,..",
            description = "hog: orientation bins, 1 to 360 (default 9); gist: orientations per scale, finest first, 1 to 8 scales of 1 to 32 (default 8,8,8,8).")
    String orientations;

    @Mixin
    HogOptions hog = new HogOptions();

    @Mixin
    GistOptions gist = new GistOptions();

    public FeatureType type() { return type; }

    /** The extractor for the chosen type; a bad option value is a usage error. */
    public SampleFeatures build() {
        try {
            return switch (type) {
                case HOG -> SampleFeatures.hog(hogParameters());
                case GIST -> SampleFeatures.of(new Gist(gistParameters()));
                case PIXELS -> SampleFeatures.pixels();
            };
        } catch (IllegalArgumentException e) {
            throw new ParameterException(mixee.commandLine(), e.getMessage());
        }
    }

    public HogParameters hogParameters() {
        return hog.parameters(orientations == null ? 9 : parseInt(orientations));
    }

    public GistParameters gistParameters() {
        return gist.parameters(GistOptions.orientations(orientations == null ? "8,8,8,8" : orientations));
    }

    /** The type and its parameters as text, for logs and model files. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("type", type.toString());
        switch (type) {
            case HOG -> {
                HogParameters p = hogParameters();
                m.put("orientations", Integer.toString(p.orientations()));
                m.put("cell", p.cellRows() + "x" + p.cellCols());
                m.put("block", p.blockRows() + "x" + p.blockCols());
                m.put("block-norm", p.norm().label());
                m.put("transform-sqrt", Boolean.toString(p.transformSqrt()));
                m.put("signed", Boolean.toString(p.signed()));
            }
            case GIST -> {
                GistParameters p = gistParameters();
                m.put("size", Integer.toString(p.size()));
                m.put("orientations", String.join(",", java.util.Arrays.stream(p.orientationsPerScale()).mapToObj(Integer::toString).toList()));
                m.put("blocks", Integer.toString(p.blocks()));
                m.put("fc", Double.toString(p.fc()));
                m.put("boundary", Integer.toString(p.boundary()));
                m.put("color", Boolean.toString(p.color()));
            }
            case PIXELS -> m.put("scale", "1/max of the sample depth");
        }
        return m;
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--orientations for hog takes one number, got '" + s + "'");
        }
    }

    static final class TypeConverter implements picocli.CommandLine.ITypeConverter<FeatureType> {
        @Override
        public FeatureType convert(String value) {
            try {
                return FeatureType.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** A feature of decoded images; pixels need the sample depth to scale to [0, 1]. */
    public interface SampleFeatures {
        float[] extract(DecodedImage image);

        static SampleFeatures of(FeatureExtractor e) { return img -> e.extract(img.image()); }

        /** HOG, refusing an image whose vector would be too long before computing it. */
        static SampleFeatures hog(HogParameters p) {
            Hog hog = new Hog(p);
            return img -> {
                HogOptions.checkLength(p, img.width(), img.height());
                return hog.extract(img.image());
            };
        }

        static SampleFeatures pixels() {
            return img -> new Pixels(img.depth().isInteger() ? 1f / img.depth().max() : 1f).extract(img.image());
        }
    }
}
