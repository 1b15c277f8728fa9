package org.convkit.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files a run reads, by identity, so that no output of the run replaces one of them. A path is
 * known by its directory entry (its folder's real path and its name, so {@code a/../b/x.png},
 * {@code ./b/x.png} and a symlinked folder leading to {@code b} all name one entry) and, when it
 * exists, by the file it leads to (device and inode on Unix: also hard links and symbolic links to an
 * input count as that input). Filled before the run; only read while workers write.
 */
public final class InputSet {
    private final Map<Object, Path> inputs = new HashMap<>();

    /** Adds one input file (as it was named). */
    public void add(Path input) {
        for (Object key : keys(input)) {
            inputs.putIfAbsent(key, input);
        }
    }

    /** The input that writing {@code target} would replace (it is that input, or a link to it), if any. */
    public Optional<Path> replacedBy(Path target) {
        for (Object key : keys(target)) {
            Path input = inputs.get(key);
            if (input != null) {
                return Optional.of(input);
            }
        }
        return Optional.empty();
    }

    /** The same key for two paths that lead to the same file (or that are the same entry, when it does not exist). */
    public static Object identity(Path p) {
        List<Object> keys = keys(p);
        return keys.getLast();
    }

    /** The entry, then the file it leads to when it exists. */
    private static List<Object> keys(Path p) {
        List<Object> keys = new ArrayList<>(2);
        keys.add(entry(p));
        try {
            Object key = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
            keys.add(key != null ? key : p.toRealPath());
        } catch (IOException e) {
            // no such file (or a dangling link): its entry is all it has
        }
        return keys;
    }

    /**
     * Where {@code p}'s directory entry is: the real path of its folder (symbolic links resolved as far
     * as the folders exist) and its own name, not followed.
     */
    public static Path entry(Path p) {
        Path abs = p.toAbsolutePath();
        Path name = abs.getFileName();
        Path parent = abs.getParent();
        if (name == null || parent == null || name.toString().equals("..") || name.toString().equals(".")) {
            try {
                return abs.toRealPath();
            } catch (IOException e) {
                return abs.normalize();
            }
        }
        Path folder;
        try {
            folder = parent.toRealPath();
        } catch (IOException e) {
            folder = entry(parent);
        }
        return folder.resolve(name);
    }

    /** True when {@code p}'s entry lies in {@code folder} or below it (by real paths). */
    public static boolean isWithin(Path p, Path folder) {
        Path root;
        try {
            root = folder.toRealPath();
        } catch (IOException e) {
            root = entry(folder);
        }
        return entry(p).startsWith(root);
    }
}
