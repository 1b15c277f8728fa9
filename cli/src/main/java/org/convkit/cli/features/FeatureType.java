package org.convkit.cli.features;

import java.util.Locale;

/** The features {@code convkit features --type} (and later commands) can extract. */
public enum FeatureType {
    HOG, GIST, PIXELS;

    public static FeatureType parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown feature type '" + s + "' (valid: hog, gist, pixels)");
        }
    }

    @Override
    public String toString() { return name().toLowerCase(Locale.ROOT); }
}
