package org.convkit.cli.hostile;

import java.io.IOException;
import java.nio.file.Path;
import org.convkit.cli.baseline.BaselineModel;
import org.convkit.cli.cnn.CnnModel;
import org.convkit.io.data.DataSet;
import org.convkit.io.data.DataSetException;
import org.convkit.io.data.DataSets;
import org.convkit.io.data.Split;
import org.convkit.io.image.ImageDecoder;
import org.convkit.io.image.ImageFormatException;
import org.convkit.io.model.ModelFormatException;

/**
 * The decoders that read strangers' files, each with the one exception it may refuse a file with.
 * Anything else that comes out of them (an unchecked exception, an error) is a bug.
 */
final class Decoders {
    enum Outcome { READ, REFUSED }

    private Decoders() {}

    static Outcome image(byte[] bytes) {
        try {
            ImageDecoder.decode(bytes);
            return Outcome.READ;
        } catch (ImageFormatException refused) {
            return Outcome.REFUSED;
        }
    }

    /** Opens a data set and decodes every sample; a damaged sample is refused on its own, as the commands skip it. */
    static Outcome dataSet(Path dir) throws IOException {
        Outcome outcome = Outcome.READ;
        try (DataSet ds = DataSets.open(dir, Split.TRAIN)) {
            for (int i = 0; i < ds.size(); i++) {
                try {
                    ds.get(i);
                } catch (DataSetException | ImageFormatException refused) {
                    outcome = Outcome.REFUSED;
                }
            }
        } catch (DataSetException refused) {
            return Outcome.REFUSED;
        }
        return outcome;
    }

    /** Loads a model file as a CNN and as a baseline model: at most one of them can accept it. */
    static Outcome model(Path file) throws IOException {
        Outcome outcome = Outcome.REFUSED;
        try {
            CnnModel.load(file);
            outcome = Outcome.READ;
        } catch (ModelFormatException refused) {
            // not a CNN model, or a damaged one
        }
        try {
            BaselineModel.load(file);
            outcome = Outcome.READ;
        } catch (ModelFormatException refused) {
            // not a baseline model, or a damaged one
        }
        return outcome;
    }
}
