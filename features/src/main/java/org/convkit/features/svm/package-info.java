/**
 * The linear classifier of the shallow baseline: {@link org.convkit.features.svm.SvmPipeline} =
 * optional kernel map, {@link org.convkit.features.svm.FeatureScaling}, one-vs-rest
 * {@link org.convkit.features.svm.LinearSvm}. A whole baseline model is an image-to-vector stage (pixels,
 * HOG, GIST, or a {@link org.convkit.features.encode.DenseSiftEncoder}) plus an SvmPipeline:
 * <pre>{@code
 * SvmPipeline svm = SvmPipeline.fit(x, labels, SvmPipeline.Settings.defaults()
 *         .withKernelMap(new HomogeneousKernelMap(Kernel.CHI2, 1)).withScaling(FeatureScaling.Mode.L2)
 *         .withC(0.1, 1, 10).withValidation(0.1), progress::println);
 * ModelState state = new ModelState();
 * enc.exportTo(state, "encoder.");          // for dsift pipelines
 * svm.exportTo(state, "classifier.");       // then: arrays -> F32 tensors, strings -> metadata
 * SvmPipeline again = SvmPipeline.importFrom(state, "classifier.");
 * int label = again.predict(vector);  float[] scores = again.scores(vector);
 * }</pre>
 */
package org.convkit.features.svm;
