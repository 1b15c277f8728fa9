package org.convkit.cli.baseline;

import java.util.Arrays;
import java.util.Locale;

/** The image-to-vector stages a baseline model can start with. */
public enum BaselineFeature {
    PIXELS("pixels"), HOG("hog"), GIST("gist"), DSIFT_BOVW("dsift-bovw"), DSIFT_FV("dsift-fv");

    private final String label;

    BaselineFeature(String label) { this.label = label; }

    public String label() { return label; }

    /** Dense SIFT encoded against a learnt vocabulary or mixture (fitted during training). */
    public boolean isDenseSift() { return this == DSIFT_BOVW || this == DSIFT_FV; }

    /** Whether the vector's length, and its meaning, depend on the image size (no resizing at prediction). */
    public boolean sizeDependent() { return this == PIXELS || this == HOG; }

    public static BaselineFeature parse(String s) {
        String n = s.trim().toLowerCase(Locale.ROOT);
        for (BaselineFeature f : values()) {
            if (f.label.equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown feature '" + s + "' (valid: "
                + String.join(", ", Arrays.stream(values()).map(BaselineFeature::label).toList()) + ")");
    }

    @Override
    public String toString() { return label; }

    /** For picocli. */
    static final class Converter implements picocli.CommandLine.ITypeConverter<BaselineFeature> {
        @Override
        public BaselineFeature convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
