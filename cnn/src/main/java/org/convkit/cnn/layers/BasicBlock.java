package org.convkit.cnn.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.convkit.cnn.tensor.Tensor;

/**
 * The ResNet basic block (He et al. 2016): {@code relu(bn2(conv2(relu(bn1(conv1(x))))) + shortcut(x))}
 * with 3x3 convolutions, the first strided; the shortcut is the identity, or a strided 1x1 convolution +
 * BatchNorm when the shape changes. Children are named as torchvision's {@code BasicBlock}
 * ({@code conv1, bn1, conv2, bn2, downsample.0, downsample.1}).
 */
public final class BasicBlock implements Layer {
    public final int in, out, stride;
    private final Conv2d conv1, conv2, downConv;
    private final BatchNorm bn1, bn2, downBn;
    private final Activation.ReLU relu1 = new Activation.ReLU(), relu2 = new Activation.ReLU();
    private Tensor sum;
    private boolean inputGradNeeded = true;

    public BasicBlock(int in, int out, int stride) {
        this.in = in;
        this.out = out;
        this.stride = stride;
        conv1 = new Conv2d(in, out, 3, 3, stride, stride, 1, 1, 1, 1, false);
        bn1 = new BatchNorm.BatchNorm2d(out);
        conv2 = new Conv2d(out, out, 3, 3, 1, 1, 1, 1, 1, 1, false);
        bn2 = new BatchNorm.BatchNorm2d(out);
        boolean project = stride != 1 || in != out;
        downConv = project ? new Conv2d(in, out, 1, 1, stride, stride, 0, 0, 1, 1, false) : null;
        downBn = project ? new BatchNorm.BatchNorm2d(out) : null;
        bn1.fuseRelu(relu1);
    }

    @Override
    public int[] outputShape(int[] s) {
        return conv2.outputShape(conv1.outputShape(s));
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        Tensor h = relu1.forward(bn1.forward(conv1.forward(x, training), training), training);
        h = bn2.forward(conv2.forward(h, training), training);
        Tensor s = downConv == null ? x : downBn.forward(downConv.forward(x, training), training);
        sum = Tensor.reuse(sum, h.shape);
        for (int i = 0, n = h.size(); i < n; i++) {
            sum.data[i] = h.data[h.offset + i] + s.data[s.offset + i];
        }
        return relu2.forward(sum, training);
    }

    @Override
    public Tensor backward(Tensor dy) {
        Tensor ds = relu2.backward(dy);
        Tensor dx = conv1.backward(bn1.backward(relu1.backward(conv2.backward(bn2.backward(ds)))));
        Tensor dShort = downConv == null ? ds : downConv.backward(downBn.backward(ds));
        if (!inputGradNeeded) {
            return null;
        }
        for (int i = 0, n = dx.size(); i < n; i++) {
            dx.data[dx.offset + i] += dShort.data[dShort.offset + i];
        }
        return dx;
    }

    @Override
    public void setInputGradNeeded(boolean needed) {
        inputGradNeeded = needed;
        conv1.setInputGradNeeded(needed);
        if (downConv != null) {
            downConv.setInputGradNeeded(needed);
        }
    }

    private List<Layer> children() {
        List<Layer> c = new ArrayList<>(List.of(conv1, bn1, conv2, bn2));
        if (downConv != null) {
            c.add(downConv);
            c.add(downBn);
        }
        return c;
    }

    private static final String[] NAMES = {"conv1.", "bn1.", "conv2.", "bn2.", "downsample.0.", "downsample.1."};

    @Override
    public List<Param> params() {
        List<Param> out = new ArrayList<>();
        List<Layer> c = children();
        for (int i = 0; i < c.size(); i++) {
            Layer.prefixed(NAMES[i], c.get(i).params(), out);
        }
        return out;
    }

    @Override
    public List<Param> state() {
        List<Param> out = new ArrayList<>();
        List<Layer> c = children();
        for (int i = 0; i < c.size(); i++) {
            Layer.prefixed(NAMES[i], c.get(i).state(), out);
        }
        return out;
    }

    @Override
    public void init(Init scheme, RandomGenerator rng) {
        for (Layer l : children()) {
            l.init(scheme, rng);
        }
    }

    @Override
    public String describe() {
        return "BasicBlock(" + in + ", " + out + (stride != 1 ? ", stride=" + stride : "")
                + (downConv != null ? ", projection" : "") + ")";
    }
}
