package org.convkit.filters.gemm;

import java.util.Locale;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Which vector width and register tile the GEMM uses, decided once when {@link MicroKernel} is loaded.
 * <p>
 * The width is {@link FloatVector#SPECIES_PREFERRED}'s (128 bits on SSE and NEON, 256 on AVX2, 512 on
 * AVX-512). Java does not tell how many vector registers the CPU has, so it is inferred: 32 on AArch64
 * (NEON and SVE both have 32) and with 512-bit vectors on x86 (AVX-512 doubles the register file), else
 * 16 (SSE, AVX, AVX2). The tile is {@code rows} x 2 vectors of C in {@code 2 * rows} accumulators, fed by
 * two vectors of B and a broadcast of A per row. C2 issues several of a step's broadcasts ahead of their
 * FMAs, so a tile stays in registers only when accumulators + 2 + rows fit, not accumulators + 2 + 1 as in
 * hand-scheduled assembly:
 * <ul>
 *   <li>16 registers: 4 x 2 (8 + 2 + 4 = 14), the tile of OpenBLAS's Haswell sgemm block {@code KERNEL16x4_SUB}
 *       ({@code kernel/x86_64/sgemm_kernel_16x4_haswell.S}, column-major 16 x 4, read row-major: C = A B
 *       row-major is C^T = B^T A^T column-major, so a column-major MR x NR is our NR x MR). The main tile of
 *       BLIS and OpenBLAS on Haswell and Zen 3, 6 x 16 ({@code bli_sgemm_haswell_asm_6x16} in
 *       {@code config/haswell} and {@code config/zen3}; OpenBLAS's {@code KERNEL16x6_SUB}), is 6 x 2 here
 *       and kept selectable: under C2 it spills an accumulator to the stack and back on every step.</li>
 *   <li>32 registers: 8 x 2 (16 + 2 + 8 = 26), the tile of the AVX-512 figures in bench/RESULTS.md, also used for NEON.
 *       BLIS's 12 x 2 for SkylakeX (column-major 32 x 12, {@code config/skx}) and ARMv8 (8 x 12 of 4-float
 *       vectors, {@code config/armv8a}) would need 24 + 2 + 12 = 38.</li>
 * </ul>
 * The cache blocking ({@link VectorGemm}: KC 256, MC 144) is BLIS's for Haswell and Zen 3: a B micro-panel
 * of KC x NR floats takes 16 KB of a 32 KB L1 at 256 bits (32 KB at 512 bits, the setting of the
 * AVX-512 figures in bench/RESULTS.md), an MC x KC block of A 144 KB of a 512 KB or larger L2.
 * <p>
 * Two system properties override the choice, for tests and benchmarks: {@value #BITS_PROPERTY}
 * (128, 256 or 512: a width the CPU lacks still computes the same results, emulated and slowly) and
 * {@value #TILE_PROPERTY} ({@code 4x2}, {@code 6x2} or {@code 8x2}).
 */
final class TileChoice {
    static final String BITS_PROPERTY = "convkit.gemm.bits";
    static final String TILE_PROPERTY = "convkit.gemm.tile";
    /** The tile heights that {@link MicroKernel} has a method for. */
    static final int[] ROWS = {4, 6, 8};

    private TileChoice() {}

    /** The species of the given width in bits, or the preferred one when {@code bits} is null. */
    static VectorSpecies<Float> species(String bits) {
        if (bits == null || bits.isBlank()) {
            return FloatVector.SPECIES_PREFERRED;
        }
        return switch (bits.trim()) {
            case "128" -> FloatVector.SPECIES_128;
            case "256" -> FloatVector.SPECIES_256;
            case "512" -> FloatVector.SPECIES_512;
            default -> throw new IllegalArgumentException(BITS_PROPERTY + " must be 128, 256 or 512, got '" + bits + "'");
        };
    }

    /** Vector registers the compiler can use: 32 on AArch64 and with 512-bit vectors on x86, else 16. */
    static int registers(int bits, String arch) {
        return isAarch64(arch) || bits >= VectorShape.S_512_BIT.vectorBitSize() ? 32 : 16;
    }

    /** The tile height for a width and architecture, or the one {@code tile} ("ROWSx2") names. */
    static int rows(String tile, int bits, String arch) {
        if (tile != null && !tile.isBlank()) {
            String t = tile.trim().toLowerCase(Locale.ROOT);
            for (int r : ROWS) {
                if (t.equals(r + "x2")) {
                    return r;
                }
            }
            throw new IllegalArgumentException(TILE_PROPERTY + " must be 4x2, 6x2 or 8x2, got '" + tile + "'");
        }
        return registers(bits, arch) == 16 ? 4 : 8;
    }

    private static boolean isAarch64(String arch) {
        return "aarch64".equals(arch) || "arm64".equals(arch);
    }
}
