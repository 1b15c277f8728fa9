package org.convkit.io.data;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Opens a {@code --data} path as the data set it holds. */
public final class DataSets {
    /** Fashion-MNIST's class names, label 0 first (what {@code compare} keys the published figures on). */
    public static final List<String> FASHION_MNIST_CLASSES = IdxDataSet.FASHION_CLASSES;

    private DataSets() {}

    /**
     * Recognises, in this order: MNIST-style IDX files, CIFAR-10/100 binary batches, a folder with
     * {@code train/} and {@code test/} class-folder trees (the split picks one), a folder of class folders.
     */
    public static DataSet open(Path path, Split split) throws IOException {
        if (!Files.exists(path)) {
            throw new DataSetException(path + ": no such file or folder");
        }
        if (!Files.isDirectory(path)) {
            throw new DataSetException(path + ": not a folder (--data takes a folder of class folders, of IDX files, or of CIFAR batches)");
        }
        if (IdxDataSet.recognises(path)) {
            return new IdxDataSet(path, split);
        }
        if (CifarDataSet.recognises(path)) {
            return new CifarDataSet(path, split);
        }
        Path splitDir = path.resolve(split.toString());
        if (Files.isDirectory(splitDir) && Files.isDirectory(path.resolve(split == Split.TRAIN ? "test" : "train"))) {
            return open(splitDir, split);
        }
        return new ImageFolderDataSet(path);
    }

    /**
     * The class names in a text file beside a packed data set ({@code classes.txt}, CIFAR's
     * {@code batches.meta.txt}): one per line, blank lines ignored, at least {@code labels} of them.
     */
    static List<String> classNamesFile(Path file, int labels) throws IOException {
        List<String> names;
        try {
            names = Files.readAllLines(file).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (CharacterCodingException e) {
            throw new DataSetException(file + ": not UTF-8 text (expected one class name per line)", e);
        }
        if (names.size() < labels) {
            throw new DataSetException(file + ": " + names.size() + " class names but labels go up to " + (labels - 1));
        }
        return names;
    }

    /** The first {@code n} samples of {@code base}. */
    public static DataSet first(DataSet base, int n) { return Subset.first(base, n); }

    /** A stratified random sample of {@code n}, in data-set order. */
    public static DataSet stratified(DataSet base, int n, long seed) { return Subset.stratified(base, n, seed); }
}
