package org.convkit.io.data;

import org.convkit.io.image.DecodedImage;

/**
 * One labelled image of a data set.
 *
 * @param index position in the data set (before any --limit or --sample)
 * @param name  what to call it in messages: a file path, or {@code FILE#index} for packed formats
 * @param image the decoded image, in its stored scale (an 8-bit 200 is 200f)
 * @param label class index into {@link DataSet#classes()}
 */
public record Sample(int index, String name, DecodedImage image, int label) {}
