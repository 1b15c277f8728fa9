package org.convkit.cli.compare;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The pipelines {@code convkit compare} runs. Each is trained and evaluated by the commands a user
 * would type ({@code convkit baseline train|eval}, {@code convkit cnn train|eval}); this enum only
 * says which arguments those commands get, so compare never holds a second copy of a pipeline.
 */
enum Pipeline {
    PIXELS("pixels", Kind.SHALLOW, "raw pixels + linear SVM"),
    HOG("hog", Kind.SHALLOW, "HOG (cells 3, 4 and 7, block 2, 9 bins) + linear SVM"),
    HOG_CHI2("hog-chi2", Kind.SHALLOW, "signed HOG + intensity, chi2 map and 4,000 exp-chi2 Nystrom features + linear SVM"),
    GIST("gist", Kind.SHALLOW, "GIST (4 scales x 8 orientations, 4x4 blocks) + linear SVM"),
    DSIFT_BOVW("dsift-bovw", Kind.SHALLOW, "dense SIFT, bag of visual words + linear SVM"),
    DSIFT_FV("dsift-fv", Kind.SHALLOW, "dense SIFT, Fisher vectors + linear SVM"),
    LENET5("lenet5", Kind.DEEP, "LeNet-5 (ReLU, max-pool)"),
    VGG_SMALL("vgg-small", Kind.DEEP, "2 blocks of 2 conv+BN+ReLU, FC 128"),
    RESNET_SMALL("resnet-small", Kind.DEEP, "ResNet-style, basic blocks");

    /**
     * All but resnet-small and hog-chi2: one of each feature family and two networks. resnet-small is optional
     * in the issue and costs several times vgg-small's training time on two cores for a point or so of accuracy;
     * hog-chi2 (the kernel-approximating HOG baseline) needs some 9 GB of heap on the full Fashion-MNIST.
     */
    static final List<Pipeline> DEFAULTS = List.of(PIXELS, HOG, GIST, DSIFT_BOVW, DSIFT_FV, LENET5, VGG_SMALL);

    final String label;
    final Kind kind;
    final String description;

    Pipeline(String label, Kind kind, String description) {
        this.label = label;
        this.kind = kind;
        this.description = description;
    }

    /** The model file's name inside the report's models/ folder. */
    String modelFile() { return label + (kind == Kind.SHALLOW ? ".cvb" : ".safetensors"); }

    /** The convkit command that trains it, without data, budget or output arguments. */
    List<String> trainCommand() {
        return switch (this) {
            case HOG_CHI2 -> List.of("baseline", "train", "--features", "hog", "--kernel-map", "chi2");
            default -> kind == Kind.SHALLOW ? List.of("baseline", "train", "--features", label) : List.of("cnn", "train", "--arch", label);
        };
    }

    /** The convkit command that evaluates its model. */
    List<String> evalCommand() { return kind == Kind.SHALLOW ? List.of("baseline", "eval") : List.of("cnn", "eval"); }

    static Pipeline parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        for (Pipeline p : values()) {
            if (p.label.equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown pipeline '" + s + "' (valid: " + String.join(", ", labels(List.of(values())))
                + ", or all, shallow, deep)");
    }

    /** A comma-separated list of pipelines, or the groups all, shallow and deep; in the order given, without repeats. */
    static List<Pipeline> parseList(String list) {
        Set<Pipeline> out = new LinkedHashSet<>();
        for (String item : list.split(",")) {
            switch (item.trim().toLowerCase(Locale.ROOT)) {
                case "" -> { }
                case "all" -> out.addAll(List.of(values()));
                case "default" -> out.addAll(DEFAULTS);
                case "shallow", "deep" -> {
                    for (Pipeline p : values()) {
                        if (p.kind.label().equals(item.trim().toLowerCase(Locale.ROOT))) {
                            out.add(p);
                        }
                    }
                }
                default -> out.add(parse(item));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--pipelines names no pipeline");
        }
        return new ArrayList<>(out);
    }

    static List<String> labels(List<Pipeline> ps) { return ps.stream().map(p -> p.label).toList(); }
}
