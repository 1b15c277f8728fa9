package org.convkit.cli.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.convkit.cli.io.ImageFormat;

/**
 * Streams the inputs of a batch command: files as given, the image files of folders (all levels with
 * {@code recursive}), {@code -} for standard input, and paths read one per line from a list
 * ({@code --files-from}). Nothing is collected: each file goes to the sink as soon as it is found, so
 * memory stays flat on a folder of 100,000 images.
 */
public final class InputWalker {

    /** Receives the problems met while walking (a missing path, an unreadable folder): path and reason. */
    public interface Problems {
        void report(String path, String reason);
    }

    private final List<String> inputs;
    private final boolean recursive;
    private final String filesFrom;
    private final InputStream stdin;
    private final Predicate<Path> skip;

    /**
     * @param filesFrom a file listing paths, {@code -} for standard input, or null
     * @param skip      files and folders to leave out of folder walks (the output folder, our own
     *                  outputs), or null for none; files named explicitly are always taken
     */
    public InputWalker(List<String> inputs, boolean recursive, String filesFrom, InputStream stdin, Predicate<Path> skip) {
        this.inputs = List.copyOf(inputs);
        this.recursive = recursive;
        this.filesFrom = filesFrom;
        this.stdin = stdin;
        this.skip = skip == null ? path -> false : skip;
    }

    /** True when the inputs are exactly one file or {@code -}: the single-image case. */
    public boolean isSingleFile() {
        return filesFrom == null && inputs.size() == 1
                && (inputs.getFirst().equals("-") || Files.isRegularFile(Path.of(inputs.getFirst())));
    }

    /** Whether the inputs can be walked twice (not a list on standard input), e.g. to count them for a progress bar. */
    public boolean repeatable() { return !"-".equals(filesFrom); }

    public void walk(Consumer<InputFile> sink, Problems problems) throws IOException {
        for (String input : inputs) {
            if (input.equals("-")) {
                sink.accept(InputFile.STDIN);
            } else {
                visit(Path.of(input), sink, problems, false);
            }
        }
        if (filesFrom != null) {
            InputStream in = filesFrom.equals("-") ? stdin : Files.newInputStream(Path.of(filesFrom));
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        visit(Path.of(line.strip()), sink, problems, true);
                    }
                }
            }
        }
    }

    private void visit(Path path, Consumer<InputFile> sink, Problems problems, boolean listed) throws IOException {
        if (Files.isDirectory(path)) {
            walkFolder(path, sink, problems);
        } else if (Files.exists(path)) {
            sink.accept(new InputFile(path, listed ? listedRelative(path) : path.getFileName()));
        } else {
            problems.report(path.toString(), Files.notExists(path) ? "no such file or folder" : "cannot be accessed");
        }
    }

    /** A listed path keeps its place in the tree when it is relative and stays below here; else only its name. */
    private static Path listedRelative(Path p) {
        Path n = p.normalize();
        return !n.isAbsolute() && !n.startsWith("..") && n.getNameCount() > 0 ? n : p.getFileName();
    }

    private void walkFolder(Path root, Consumer<InputFile> sink, Problems problems) throws IOException {
        Files.walkFileTree(root, EnumSet.noneOf(FileVisitOption.class), recursive ? Integer.MAX_VALUE : 1,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return !dir.equals(root) && (hidden(dir) || skip.test(dir))
                                ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        // links to files count (links to folders are not followed: no cycles)
                        boolean isFile = attrs.isRegularFile() || (attrs.isSymbolicLink() && Files.isRegularFile(file));
                        if (isFile && !hidden(file) && ImageFormat.ofPath(file).isPresent() && !skip.test(file)) {
                            sink.accept(new InputFile(file, root.relativize(file)));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) {
                        problems.report(file.toString(), "cannot be read (" + e.getClass().getSimpleName() + ")");
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
