/**
 * Files in and out, for the command line and any other caller (a batch job, a library user, the
 * benchmarks): {@code image} decodes and encodes images into {@code filters}' float planes, {@code npy}
 * is the NumPy codec, {@code data} opens labelled data sets (IDX, CIFAR, class folders), {@code model}
 * reads and writes safetensors, and {@link org.convkit.io.AtomicOutput} writes any file all at once or
 * not at all.
 *
 * <p>Every reader treats its file as a stranger's: it checks a header against the bytes behind it (and
 * images against {@link org.convkit.io.image.PixelLimit}) before it allocates, and refuses a damaged file
 * with a checked exception whose message is the reason. Nothing here parses options or prints.
 */
package org.convkit.io;
