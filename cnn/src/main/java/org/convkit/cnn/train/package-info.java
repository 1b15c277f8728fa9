/**
 * Training a {@link org.convkit.cnn.nn.Network} on a labelled set of samples, with no files, console or
 * options: the caller reads the data and shows or saves what happens through a
 * {@link org.convkit.cnn.train.TrainingListener}.
 *
 * <pre>{@code
 * Samples train = new Samples(shape, x, labels);              // n CHW samples in one array
 * HoldOut split = HoldOut.draw(train.size(), 0.1, seed);      // or all indices: Shuffle.identity(n)
 * Normalisation norm = Normalisation.of(train, split.train()); // per-channel mean and std
 * train.normalise(norm);
 * Trainer t = new Trainer(net, optimizer, schedule, new Trainer.Options(epochs, batch, seed, Augmentation.parse("flip,crop"), patience));
 * t.resume(history, epoch -> savedWeights(epoch));            // only when continuing a run
 * Trainer.Outcome o = t.fit(train, split.train(), new Trainer.Validation(train, split.validation()), norm, listener);
 * }</pre>
 * One epoch draws from one random stream ({@link org.convkit.cnn.train.Trainer#epochSeed}): first the
 * shuffle, then each sample's {@link org.convkit.cnn.train.Augmentation} in batch order. With the same
 * seed, options and thread count the weights repeat bit for bit, also across a resume.
 */
package org.convkit.cnn.train;
