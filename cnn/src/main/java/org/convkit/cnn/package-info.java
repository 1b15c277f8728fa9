/**
 * Tensors, layers, optimisers and the Vector API kernels of convkit's convolutional networks.
 *
 * <h2>Layout</h2>
 * Every activation is a {@link org.convkit.cnn.tensor.Tensor}: a row-major (C-order) float32 array with
 * a shape and an offset. Images are NCHW ({@code [batch, channels, height, width]}), flat features are
 * {@code [batch, features]}. Weights use PyTorch's layouts and names: a convolution's {@code weight} is
 * {@code [out, in/groups, kh, kw]}, a linear layer's {@code [out, in]}, so that a state dict exported
 * from a {@link org.convkit.cnn.nn.Network} loads into the equivalent {@code torch.nn.Sequential}.
 * Layers reuse their output and gradient buffers between batches: a tensor returned by
 * {@code forward}/{@code backward} is valid until the next call of that layer.
 *
 * <h2>Threading</h2>
 * All parallel work goes through {@link org.convkit.filters.parallel.Parallel}; its thread count is
 * scoped ({@code Parallel.withThreads(n).run(...)} around the calls; the CLI binds {@code --threads}).
 * Convolutions split the batch into {@code min(threads, batch)} contiguous chunks, one per thread,
 * each with its own buffers; the GEMM splits the larger of the output's rows or columns; element-wise
 * layers and BatchNorm split samples or channels. No reduction order depends on scheduling, only on
 * the thread count, so the same seed and the same thread count give bit-identical results (different
 * thread counts may differ in the last bits of weight gradients, whose per-chunk partial sums are
 * added in chunk order).
 * {@link org.convkit.cnn.nn.WarmUp} runs a twin network on a thread of its own while the CLI reads data, so
 * that the JIT has compiled the kernels when the real batches come; it shares no buffers with the network.
 */
package org.convkit.cnn;
