import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.constant.ClassDesc;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Rewrites, in place, the class files of a jar that are older than Java 6 (major version 50) in
 * Java 8's format (52), with the stack map frames that format requires. Why: the JVM's AOT cache
 * (JEP 483) holds no class that needs the old type-inferring verifier, nor any class that implements
 * one of its interfaces; picocli and commons-math are built for Java 5, so every convkit run loaded,
 * parsed and verified picocli and its convkit converters from the jar instead of the cache.
 *
 * <p>Each rewritten class is checked with the class-file verifier of {@code java.lang.classfile}; a
 * class it rejects, or whose frames cannot be computed, is kept as it was and named. Run by the cli
 * module's build after shading: {@code java RaiseOldClassFiles.java JAR REPORT}; REPORT receives the
 * count and the names of the classes kept (standard output stays quiet, as in {@code mvn -q} builds).
 */
public final class RaiseOldClassFiles {
    static final int OLD_BELOW = 50;
    static final int RAISED_TO = 52;

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: java RaiseOldClassFiles.java JAR REPORT");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Path report = Path.of(args[1]);
        try (FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofResourceParsing(desc -> open(fs, desc)))));
            List<Path> classes;
            try (Stream<Path> s = Files.walk(fs.getPath("/"))) {
                classes = s.filter(p -> p.toString().endsWith(".class") && !p.startsWith("/META-INF/")).toList();
            }
            int raised = 0;
            List<String> kept = new ArrayList<>();
            for (Path p : classes) {
                byte[] old = Files.readAllBytes(p);
                if (majorVersion(old) >= OLD_BELOW) {
                    continue;
                }
                byte[] raisedBytes = raise(classFile, old);
                if (raisedBytes == null) {
                    kept.add(p.toString());
                } else {
                    Files.write(p, raisedBytes);
                    raised++;
                }
            }
            Files.writeString(report, raised + " class files of " + jar.getFileName() + " raised to version " + RAISED_TO + "\n"
                    + (kept.isEmpty() ? "" : "kept as they were: " + String.join(" ", kept) + "\n"));
        }
    }

    /** The class in version {@link #RAISED_TO} with stack maps, or null when it cannot be done and verified. */
    static byte[] raise(ClassFile classFile, byte[] old) {
        try {
            ClassModel model = classFile.parse(old);
            ClassTransform newVersion = (builder, element) -> {
                if (element instanceof ClassFileVersion) {
                    builder.withVersion(RAISED_TO, 0);
                } else {
                    builder.with(element);
                }
            };
            // rebuilding every method body is what makes the frames be computed
            byte[] out = classFile.transformClass(model,
                    ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL).andThen(newVersion));
            return classFile.verify(out).isEmpty() ? out : null;
        } catch (IllegalArgumentException | IllegalStateException e) { // frames needing a class the jar lacks, or jsr/ret
            return null;
        }
    }

    static int majorVersion(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    private static InputStream open(FileSystem fs, ClassDesc desc) {
        String name = desc.descriptorString();
        Path p = fs.getPath(name.substring(1, name.length() - 1) + ".class");
        try {
            return Files.exists(p) ? Files.newInputStream(p) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
