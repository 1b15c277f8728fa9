package org.convkit.cnn.nn;

import java.util.List;
import java.util.Locale;

/** The named architecture presets, each a spec string for {@link Builder}. */
public final class Architectures {
    private Architectures() {}

    public static final List<String> NAMES = List.of("lenet5", "vgg-small", "resnet-small");

    /** Whether {@code arch} names a preset rather than being a spec. */
    public static boolean isPreset(String arch) {
        return NAMES.contains(arch.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * The spec of a preset for {@code classes} outputs.
     * <ul>
     * <li>{@code lenet5}: LeCun et al. 1998 with ReLU and max-pooling; the 28x28 input is padded by 2
     * as the original's 32x32 (6 and 16 5x5 filters, 120-84-classes).</li>
     * <li>{@code vgg-small}: two VGG blocks of two 3x3 conv + BN + ReLU then 2x2 max-pool, 32 and 64
     * channels, FC 128 with dropout 0.5.</li>
     * <li>{@code resnet-small}: a ResNet-8 (He et al. 2016): a 3x3 stem, one basic block per stage at 32,
     * 64 and 128 channels (strides 1, 2, 2), global average pooling, FC.</li>
     * </ul>
     */
    public static String spec(String name, int classes) {
        if (classes <= 0) {
            throw new IllegalArgumentException("class count must be positive, got " + classes);
        }
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "lenet5" -> "conv(6,5,pad=2) relu maxpool(2) conv(16,5) relu maxpool(2) flatten "
                    + "fc(120) relu fc(84) relu fc(" + classes + ")";
            case "vgg-small" -> "conv(32,3,pad=1,bias=false) bn relu conv(32,3,pad=1,bias=false) bn relu maxpool(2) "
                    + "conv(64,3,pad=1,bias=false) bn relu conv(64,3,pad=1,bias=false) bn relu maxpool(2) "
                    + "flatten fc(128) relu dropout(0.5) fc(" + classes + ")";
            case "resnet-small" -> "conv(32,3,pad=1,bias=false) bn relu res(32) res(64,stride=2) res(128,stride=2) "
                    + "gap flatten fc(" + classes + ")";
            default -> throw new IllegalArgumentException("unknown architecture '" + name + "'; presets are " + NAMES);
        };
    }
}
