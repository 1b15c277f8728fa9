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
 * 16 (SSE, AVX, AVX2). The tile is {@code rows} x 2 vectors of C, held in {@code 2 * rows} accumulators
 * next to two vectors of B and one broadcast of A:
 * <ul>
 *   <li>16 registers: 6 x 2 (12 accumulators + 3 = 15 registers), BLIS's sgemm micro-kernel for Haswell
 *       and Zen to Zen 3 ({@code bli_sgemm_haswell_asm_6x16}, {@code config/haswell}, {@code config/zen3}).</li>
 *   <li>32 registers on x86 (AVX-512): 8 x 2 (16 + 3 registers), convkit's own choice, measured on Zen 4/5;
 *       BLIS's SkylakeX kernel, column-major 32 x 12 ({@code config/skx}), is the 12 x 2 below read
 *       row-major (C = A B row-major is C^T = B^T A^T column-major: BLIS's MR x NR is our NR x MR).</li>
 *   <li>32 registers on AArch64: 12 x 2 (24 + 3 registers), BLIS's ARMv8 sgemm, column-major 8 x 12
 *       ({@code config/armv8a/bli_kernel.h}), read row-major: the same tile as BLIS's SkylakeX 32 x 12.</li>
 * </ul>
 * Two system properties override the choice, for tests and benchmarks: {@value #BITS_PROPERTY}
 * (128, 256 or 512: a width the CPU lacks still computes the same results, emulated and very slowly) and
 * {@value #TILE_PROPERTY} ({@code 6x2}, {@code 8x2} or {@code 12x2}).
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
