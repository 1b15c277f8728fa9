package org.convkit.io.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.convkit.io.image.ImageDecoder;

/**
 * A folder of class folders, as torchvision's {@code ImageFolder}: {@code root/<class>/**} image files;
 * classes sorted by name, files sorted by path within a class; hidden files and files with other
 * extensions are ignored. Images are decoded when read, by {@link ImageDecoder}.
 */
final class ImageFolderDataSet implements DataSet {
    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif", "tif", "tiff", "pgm", "ppm",
            "pnm", "pbm", "pam", "webp", "psd", "pfm", "npy");

    private final Path root;
    private final List<String> classes;
    private final List<Path> files = new ArrayList<>();
    private final int[] labels;

    ImageFolderDataSet(Path root) throws IOException {
        this.root = root;
        List<Path> classDirs;
        try (Stream<Path> s = Files.list(root)) {
            classDirs = s.filter(Files::isDirectory).filter(p -> !hidden(p)).sorted().toList();
        }
        if (classDirs.isEmpty()) {
            throw new DataSetException(root + ": no class folders (expected root/<class>/*.png, IDX files or CIFAR batches)");
        }
        classes = classDirs.stream().map(p -> p.getFileName().toString()).toList();
        List<Integer> lab = new ArrayList<>();
        for (int c = 0; c < classDirs.size(); c++) {
            for (Path p : imagesUnder(classDirs.get(c))) {
                files.add(p);
                lab.add(c);
            }
        }
        if (files.isEmpty()) {
            throw new DataSetException(root + ": the class folders hold no images (" + String.join(", ", EXTENSIONS.stream().sorted().toList()) + ")");
        }
        labels = lab.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The image files under one class folder, sorted; symbolic links are followed. */
    private static List<Path> imagesUnder(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(Files::isRegularFile).filter(p -> !hidden(p) && isImage(p)).sorted().toList();
        } catch (UncheckedIOException e) { // the walk's own failures come wrapped
            if (e.getCause() instanceof FileSystemLoopException loop) {
                throw new DataSetException(loop.getFile() + ": a symbolic link loop (it leads back to a folder above it)", loop);
            }
            throw e.getCause();
        }
    }

    private static boolean hidden(Path p) { return p.getFileName().toString().startsWith("."); }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    @Override
    public String description() {
        return "image folder, " + files.size() + " images in " + classes.size() + " classes (" + root + ")";
    }

    @Override
    public List<String> classes() { return classes; }

    @Override
    public int size() { return files.size(); }

    @Override
    public int label(int i) { return labels[i]; }

    @Override
    public String name(int i) { return files.get(i).toString(); }

    @Override
    public Sample get(int i) throws IOException {
        Path p = files.get(i);
        return new Sample(i, p.toString(), ImageDecoder.read(p), labels[i]);
    }
}
