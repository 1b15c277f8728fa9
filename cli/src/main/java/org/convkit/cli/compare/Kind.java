package org.convkit.cli.compare;

/** Hand-made features plus a linear classifier, or a network that learns its own. */
enum Kind {
    SHALLOW, DEEP;

    String label() { return name().toLowerCase(java.util.Locale.ROOT); }
}
