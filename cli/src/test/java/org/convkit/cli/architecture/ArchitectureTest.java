package org.convkit.cli.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.or;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameStartingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of docs/ARCHITECTURE.md, checked on the main classes of every module (cli's tests
 * see them all): the numeric modules (filters, features, cnn) never touch files, the console or picocli;
 * io never touches picocli; cli never reaches the kernels (the Vector API, GEMM, the vector, convolution and
 * FFT engines), so its arithmetic on pixels and weights stays in the numeric modules. A negative control
 * runs each rule on {@link Violations} and expects it to fail.
 */
class ArchitectureTest {
    private static final String[] NUMERIC = {"org.convkit.filters..", "org.convkit.features..", "org.convkit.cnn.."};

    /** Every module's main classes: no test classes, no test jars (cli's tests use io's). */
    private static final ImportOption MAIN_ONLY = location -> !location.contains("/test-classes/") && !location.contains("-tests.jar");

    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(MAIN_ONLY).importPackages("org.convkit");

    private static final DescribedPredicate<JavaClass> FILES = or(
            resideInAPackage("java.nio.file.."),
            resideInAPackage("java.io").and(simpleNameStartingWith("File")),
            belongToAnyOf(RandomAccessFile.class, FileChannel.class))
            .as("files (java.nio.file, java.io.File*, RandomAccessFile, FileChannel)");

    static ArchRule noFiles(String... packages) {
        return noClasses().that().resideInAnyPackage(packages).should().dependOnClassesThat(FILES)
                .because("numeric code gets images and arrays from io, never paths: data flow cli -> io -> numeric -> io -> cli");
    }

    static ArchRule noConsole(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should(ACCESS_STANDARD_STREAMS)
                .because("numbers reach the console only through cli, which owns the streams (and tests capture them)");
    }

    static ArchRule noPicocli(String... packages) {
        return noClasses().that().resideInAnyPackage(packages).should().dependOnClassesThat().resideInAPackage("picocli..")
                .because("options belong to cli; the libraries are called with values (a Spark job has no command line)");
    }

    static ArchRule noKernels(String... packages) {
        return noClasses().that().resideInAnyPackage(packages).should().dependOnClassesThat().resideInAnyPackage(
                        "jdk.incubator.vector..", "org.convkit.filters.gemm..", "org.convkit.filters.vector..",
                        "org.convkit.filters.engine..", "org.convkit.filters.fft..", "org.convkit.cnn.kernels..")
                .because("arithmetic on pixels and weights belongs to the numeric modules: cli calls their algorithms, not their kernels");
    }

    @Test
    void numericModulesNeverTouchFiles() { noFiles(NUMERIC).check(MAIN); }

    @Test
    void numericModulesNeverPrint() { noConsole(NUMERIC).check(MAIN); }

    @Test
    void numericModulesNeverSeePicocli() { noPicocli(NUMERIC).check(MAIN); }

    @Test
    void ioNeverSeesPicocli() { noPicocli("org.convkit.io..").check(MAIN); }

    @Test
    void cliNeverReachesTheKernels() { noKernels("org.convkit.cli..").check(MAIN); }

    /** The rules above looked at every module, not at an empty set. */
    @Test
    void everyModuleWasImported() {
        for (String c : List.of("org.convkit.filters.parallel.Parallel", "org.convkit.io.image.ImageDecoder",
                "org.convkit.features.hog.Hog", "org.convkit.cnn.nn.Network", "org.convkit.cli.Main")) {
            assertTrue(MAIN.contain(c), c + " not imported");
        }
        assertTrue(!MAIN.contain(ArchitectureTest.class.getName()), "test classes imported");
    }

    /** Each rule fails on a class that breaks it. */
    @Test
    void eachRuleFailsOnAViolation() {
        JavaClasses bad = new ClassFileImporter().importClasses(Violations.class);
        String here = "org.convkit.cli.architecture..";
        for (ArchRule rule : List.of(noFiles(here), noConsole(here), noPicocli(here), noKernels(here))) {
            assertThrows(AssertionError.class, () -> rule.check(bad), rule.getDescription());
        }
    }
}
