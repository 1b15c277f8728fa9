/** Tensors, layers, optimisers and the Vector API kernels of convkit's convolutional networks. */
package org.convkit.cnn;
