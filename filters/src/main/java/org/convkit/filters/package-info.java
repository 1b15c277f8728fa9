/** The image model, kernels, border modes and the convolution engine: convkit's lowest layer, no I/O. */
package org.convkit.filters;
