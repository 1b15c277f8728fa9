/**
 * Dense SIFT (VLFeat's {@code vl_dsift} / {@code vl_phow}): {@link org.convkit.features.sift.DenseSift}
 * with {@link org.convkit.features.sift.DenseSiftParameters} ({@code phow()} for photographs,
 * {@code tinyImages()} for 28x28 / 32x32 data sets), returning {@link org.convkit.features.sift.Descriptors}.
 */
package org.convkit.features.sift;
