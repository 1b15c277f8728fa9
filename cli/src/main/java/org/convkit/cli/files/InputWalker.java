package org.convkit.cli.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.convkit.io.image.ImageFormat;

/**
 * Finds the inputs of a batch command: files as given, the image files of folders (all levels with
 * {@code recursive}), {@code -} for standard input, and paths read one per line from a list
 * ({@code --files-from}), folders in name order. The list is read once, on the first walk, and kept
 * (a pipe or {@code /dev/stdin} cannot be read a second time), so every walk sees the same paths.
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
    private List<String> listed;

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

    /** Every input, in walk order; problems (missing paths, unreadable folders) go to {@code problems}. */
    public List<InputFile> list(Problems problems) throws IOException {
        List<InputFile> files = new ArrayList<>();
        walk(files::add, problems);
        return files;
    }

    /**
     * Gives each input to {@code sink}, in order. Throws only when the --files-from list cannot be read
     * (the exception is about the list); every other problem goes to {@code problems} and the walk goes on.
     */
    public void walk(Consumer<InputFile> sink, Problems problems) throws IOException {
        for (String input : inputs) {
            if (input.equals("-")) {
                sink.accept(InputFile.STDIN);
            } else {
                visit(Path.of(input), sink, problems, false);
            }
        }
        if (filesFrom != null) {
            for (String line : listed()) {
                Path path;
                try {
                    path = Path.of(line);
                } catch (InvalidPathException e) {
                    problems.report(line, "not a valid path (" + e.getReason() + ")");
                    continue;
                }
                visit(path, sink, problems, true);
            }
        }
    }

    /** The paths of the --files-from list, read on the first call only. */
    private synchronized List<String> listed() throws IOException {
        if (listed == null) {
            List<String> paths = new ArrayList<>();
            InputStream in = filesFrom.equals("-") ? stdin : Files.newInputStream(Path.of(filesFrom));
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    if (!line.isBlank()) {
                        paths.add(line.strip());
                    }
                }
            }
            listed = List.copyOf(paths);
        }
        return listed;
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
        walkFolder(root, root, 1, sink, problems);
    }

    /**
     * One folder's entries in name order (so that outputs, progress and errors come in the same order on
     * every machine, as {@code ls} lists them), descending into sub-folders where they sort; only one
     * folder's names are held at a time. Links to files count; links to folders are not followed (no cycles).
     */
    private void walkFolder(Path root, Path dir, int depth, Consumer<InputFile> sink, Problems problems) throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            problems.report(dir.toString(), "cannot be read (" + e.getClass().getSimpleName() + ")");
            return;
        }
        for (Path entry : entries) {
            if (hidden(entry) || skip.test(entry)) {
                continue;
            }
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                if (recursive) {
                    walkFolder(root, entry, depth + 1, sink, problems);
                }
            } else if (Files.isRegularFile(entry) && ImageFormat.ofPath(entry).isPresent()) {
                sink.accept(new InputFile(entry, root.relativize(entry)));
            }
        }
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
