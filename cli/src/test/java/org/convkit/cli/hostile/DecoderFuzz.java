package org.convkit.cli.hostile;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The long fuzz run of {@code bench/fuzz_decoders.sh}: many mutants of the real images and model
 * files that {@link DecoderPropertiesTest} uses, through the same {@link Decoders}, in this process,
 * on every core. A mutant that makes a decoder throw anything but its own format exception, or
 * allocate more than the file could hold, is a failure: it is counted by kind and written to the
 * output folder (at most ten per kind) with the seed that makes it again.
 *
 * <pre>java ... DecoderFuzz [MUTANTS] [SEED] [OUT-DIR]</pre>
 */
public final class DecoderFuzz {
    private static final int KEPT_PER_KIND = 10;

    private record Seed(String name, byte[] bytes, boolean model) {}

    public static void main(String[] args) throws Exception {
        long mutants = args.length > 0 ? Long.parseLong(args[0].replace("_", "")) : 1_000_000L;
        long base = args.length > 1 ? Long.parseLong(args[1]) : 1L;
        Path out = Path.of(args.length > 2 ? args[2] : "bench/out/fuzz");
        Files.createDirectories(out);
        List<Seed> seeds = seeds();
        PrintStream err = System.err;
        err.printf("fuzz: %,d mutants of %d files (seed %d), %d threads, failures kept in %s%n",
                mutants, seeds.size(), base, Runtime.getRuntime().availableProcessors(), out);

        AtomicLong read = new AtomicLong(), refused = new AtomicLong(), done = new AtomicLong();
        Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        Map<String, String> firstMessage = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        Path scratch = Files.createTempDirectory("convkit-fuzz");
        int threads = Runtime.getRuntime().availableProcessors();
        IntStream.range(0, threads).parallel().forEach(t -> {
            Path file = scratch.resolve("model-" + t + ".safetensors");
            for (long i = t; i < mutants; i += threads) {
                long seed = base * 1_000_003L + i;
                Seed s = seeds.get((int) Math.floorMod(seed * 0x9E3779B97F4A7C15L >>> 33, seeds.size()));
                byte[] mutant = Mutator.mutate(s.bytes, seed);
                Allocation a = Allocation.startOnThisThread();
                String failure;
                String message = null;
                try {
                    Decoders.Outcome o;
                    if (s.model) {
                        Files.write(file, mutant);
                        o = Decoders.model(file);
                    } else {
                        o = Decoders.image(mutant);
                    }
                    (o == Decoders.Outcome.READ ? read : refused).incrementAndGet();
                    message = s.model ? a.excess(mutant.length) : a.imageExcess(mutant);
                    failure = message == null ? null : "over-allocation";
                } catch (Throwable e) {
                    failure = e.getClass().getName();
                    message = String.valueOf(e.getMessage());
                }
                if (failure != null) {
                    firstMessage.putIfAbsent(s.name + " " + failure, message);
                    long n = failures.computeIfAbsent(s.name + " " + failure, k -> new AtomicLong()).incrementAndGet();
                    if (n <= KEPT_PER_KIND) {
                        keep(out, s.name, failure, seed, mutant);
                    }
                }
                long d = done.incrementAndGet();
                if (d % 100_000 == 0) {
                    err.printf("fuzz: %,d mutants, %,d failures, %.0f s%n", d,
                            failures.values().stream().mapToLong(AtomicLong::get).sum(), (System.nanoTime() - start) / 1e9);
                }
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        long failed = failures.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.printf("fuzz: %,d mutants in %.0f s (%,.0f/s): %,d read, %,d refused as format errors, %,d failures%n",
                done.get(), seconds, done.get() / seconds, read.get(), refused.get(), failed);
        new TreeMap<>(failures).forEach((k, v) -> System.out.printf("  %,8d  %s (first: %s)%n", v.get(), k, firstMessage.get(k)));
        System.exit(failed == 0 ? 0 : 1);
    }

    private static void keep(Path out, String seedName, String failure, long seed, byte[] mutant) {
        try {
            Files.write(out.resolve(seedName + "." + seed + "." + failure.replaceAll("[^A-Za-z0-9.-]", "_") + ".bin"), mutant);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Seed> seeds() {
        return Stream.concat(Seeds.IMAGES.stream().map(s -> new Seed(s.name(), s.bytes(), false)),
                Seeds.MODELS.stream().map(s -> new Seed(s.name(), s.bytes(), true))).toList();
    }
}
