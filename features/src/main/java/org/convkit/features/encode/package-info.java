/**
 * Encoders from local descriptors to one vector per image (bag of words, improved Fisher vectors,
 * spatial pyramid, PCA), the homogeneous kernel map, and
 * {@link org.convkit.features.encode.DenseSiftEncoder}, which chains dense SIFT, PCA and an encoder:
 * <pre>{@code
 * DenseSiftEncoder enc = DenseSiftEncoder.fit(DenseSiftParameters.tinyImages(),
 *         DenseSiftEncoder.Settings.fisherDefaults(), trainingPlanes);   // learns PCA + GMM
 * float[][] x = enc.encodeAll(trainingPlanes);                          // dsift-fv vectors
 * }</pre>
 */
package org.convkit.features.encode;
