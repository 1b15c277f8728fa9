package org.convkit.cli.compare;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How much each pipeline gets: how many training and test images (a stratified sample, or all of them),
 * the epochs of each network, and the few options that make a pipeline fit the budget. {@link #full()}
 * leaves every command at its own defaults; {@link #quick()} is sized so that the seven default
 * pipelines run in about two minutes on a 2-core machine (see README, "convkit compare").
 */
record Budget(String name, Integer trainSample, Integer testSample, Map<Pipeline, Integer> epochs,
              Map<Pipeline, List<String>> options) {

    Budget {
        epochs = java.util.Collections.unmodifiableMap(new EnumMap<>(epochs));
        options = java.util.Collections.unmodifiableMap(new EnumMap<>(options));
    }

    /**
     * The whole data set; epochs at which the networks reach their Fashion-MNIST accuracy targets (lenet5 and
     * vgg-small: 10; resnet-small: 30 with crops; no flips, as Fashion-MNIST's shoes and bags all face one way;
     * figures in bench/RESULTS.md).
     */
    static Budget full() {
        Map<Pipeline, Integer> e = new EnumMap<>(Pipeline.class);
        e.put(Pipeline.LENET5, 10);
        e.put(Pipeline.VGG_SMALL, 10);
        e.put(Pipeline.RESNET_SMALL, 30);
        Map<Pipeline, List<String>> o = new EnumMap<>(Pipeline.class);
        o.put(Pipeline.RESNET_SMALL, List.of("--augment", "crop"));
        return new Budget("full", null, null, e, o);
    }

    /**
     * 2,000 training and 1,000 test images, a few epochs, GIST on a 32-pixel grid and dense SIFT fitted on
     * fewer descriptors (bag of words: 256 words). Measured on the Fashion-MNIST sample (2,000 training
     * images): GIST at 32 pixels took 15 s for 0.876 where the default 128 took 80 s for 0.854 (28x28
     * images gain nothing from being blown up); the 256-word vocabulary on 30,000 descriptors took 16 s for
     * 0.836 where 1,024 words on 200,000 took 169 s for 0.861. The networks take Adam(W) at 2e-3, which gets
     * further than the default SGD in so few steps (lenet5, 4 epochs: 0.779 against 0.741; vgg-small, 3
     * epochs: 0.759 against 0.731).
     */
    static Budget quick() {
        Map<Pipeline, Integer> e = new EnumMap<>(Pipeline.class);
        e.put(Pipeline.LENET5, 5);
        e.put(Pipeline.VGG_SMALL, 3);
        e.put(Pipeline.RESNET_SMALL, 3);
        Map<Pipeline, List<String>> o = new EnumMap<>(Pipeline.class);
        o.put(Pipeline.GIST, List.of("--size", "32", "--boundary", "8"));
        o.put(Pipeline.DSIFT_BOVW, List.of("--clusters", "256", "--descriptors", "30000"));
        o.put(Pipeline.DSIFT_FV, List.of("--descriptors", "30000"));
        o.put(Pipeline.LENET5, List.of("--optimizer", "adam", "--lr", "2e-3"));
        o.put(Pipeline.VGG_SMALL, List.of("--optimizer", "adamw", "--lr", "2e-3"));
        o.put(Pipeline.RESNET_SMALL, List.of("--optimizer", "adamw", "--lr", "2e-3"));
        return new Budget("quick", 2000, 1000, e, o);
    }

    Budget withTrainSample(int n) { return new Budget(name, n, testSample, epochs, options); }

    Budget withTestSample(int n) { return new Budget(name, trainSample, n, epochs, options); }

    /** {@code extra} added to {@code p}'s training options. */
    Budget withOptions(Pipeline p, List<String> extra) {
        Map<Pipeline, List<String>> o = new EnumMap<>(Pipeline.class);
        o.putAll(options);
        List<String> all = new ArrayList<>(options.getOrDefault(p, List.of()));
        all.addAll(extra);
        o.put(p, List.copyOf(all));
        return new Budget(name, trainSample, testSample, epochs, o);
    }

    /** The same number of epochs for every network. */
    Budget withEpochs(int n) {
        Map<Pipeline, Integer> e = new EnumMap<>(Pipeline.class);
        epochs.keySet().forEach(p -> e.put(p, n));
        return new Budget(name, trainSample, testSample, e, options);
    }

    /** Arguments of the training command beyond the pipeline's own: sample, epochs, options. */
    List<String> trainArgs(Pipeline p, long seed) {
        List<String> a = new ArrayList<>();
        if (trainSample != null) {
            a.addAll(List.of("--sample", Integer.toString(trainSample)));
        }
        a.addAll(List.of("--seed", Long.toString(seed)));
        if (p.kind == Kind.DEEP) {
            a.addAll(List.of("--epochs", Integer.toString(epochs.getOrDefault(p, 10))));
        }
        a.addAll(options.getOrDefault(p, List.of()));
        return a;
    }

    /** Arguments of the evaluation command: the test sample, drawn with the same seed for every pipeline. */
    List<String> testArgs(long seed) {
        return testSample == null ? List.of() : List.of("--sample", Integer.toString(testSample), "--seed", Long.toString(seed));
    }

    /** What decides a pipeline's result, kept with it so that --resume reuses only a run made the same way. */
    Map<String, String> fingerprint(Pipeline p, long seed) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("train", String.join(" ", trainArgs(p, seed)));
        m.put("test", String.join(" ", testArgs(seed)));
        return m;
    }
}
