package org.convkit.cnn.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.convkit.cnn.tensor.Tensor;
import org.convkit.io.npy.Npy;
import org.convkit.io.npy.NpyArray;

/** The NumPy .npz archives written by the testdata/cnn scripts, read by io's NumPy codec, as cnn tensors. */
public final class Npz {
    private Npz() {}

    /** One array of an archive. */
    public record Array(NpyArray array) {
        public float[] floats() { return array.floats(); }

        public double[] doubles() { return array.doubles(); }

        public int size() { return array.size(); }

        public int[] shape() { return array.intShape(); }

        public Tensor tensor() { return Tensor.wrap(floats(), shape()); }

        /** A text the scripts store as uint8 bytes (UTF-8). */
        public String string() { return array.utf8(); }
    }

    public static Map<String, Array> read(Path path) throws IOException {
        Map<String, Array> out = new LinkedHashMap<>();
        Npy.readNpz(path).forEach((name, array) -> out.put(name, new Array(array)));
        return out;
    }
}
