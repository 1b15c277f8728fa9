package org.convkit.filters.fft;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector width of the batched FFT, fixed when the class loads: {@code FloatVector.SPECIES_PREFERRED},
 * or the width in bits named by the system property {@value #PROPERTY} (64 to 512) so that tests and
 * benchmarks can run the 128-, 256- and 512-bit code on any machine (widths the hardware lacks are
 * emulated by the JDK: correct, slow). A constant, because C2 compiles Vector API code to machine
 * vectors only when the species is a constant.
 */
final class FftSpecies {
    static final String PROPERTY = "convkit.fft.vectorBits";
    static final VectorSpecies<Float> SPECIES = choose(System.getProperty(PROPERTY));

    private FftSpecies() {}

    static VectorSpecies<Float> choose(String bits) {
        if (bits == null || bits.isBlank()) {
            return FloatVector.SPECIES_PREFERRED;
        }
        try {
            return VectorSpecies.of(float.class, VectorShape.forBitSize(Integer.parseInt(bits.trim())));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PROPERTY + " must be 64, 128, 256 or 512, got '" + bits + "'", e);
        }
    }
}
