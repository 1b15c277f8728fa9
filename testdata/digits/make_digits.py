#!/usr/bin/python3
"""Writes scikit-learn's bundled 8x8 digits (`sklearn.datasets.load_digits`: 1,797 images, ten classes,
the UCI "Optical Recognition of Handwritten Digits" test set) as a class-folder tree beside this script:

    testdata/digits/train/<digit>/<index>.png   1,347 images
    testdata/digits/test/<digit>/<index>.png      450 images

a stratified split (scikit-learn's `train_test_split(test_size=450, stratify=y, random_state=0)`, every
class keeping its share), <index> the image's position in `load_digits()` (4 digits). Each image is an
8-bit grey PNG, 8x8: the 0..16 counts scaled to 0..255 (round(v * 255 / 16)), 0 black, as load_digits
holds them (white strokes on black, like MNIST). The PNGs carry no time stamp, so a second run writes
the same bytes.

Usage: /usr/bin/python3 testdata/digits/make_digits.py   (Debian's python3-sklearn and python3-pil)
"""
import os
import shutil

import numpy as np
from PIL import Image
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split

HERE = os.path.dirname(os.path.abspath(__file__))
TEST_SIZE = 450
SEED = 0


def main():
    d = load_digits()
    images = np.rint(d.images * (255.0 / 16.0)).astype(np.uint8)
    index = np.arange(len(images))
    train, test = train_test_split(index, test_size=TEST_SIZE, stratify=d.target, random_state=SEED)
    for split, picks in (("train", train), ("test", test)):
        root = os.path.join(HERE, split)
        if os.path.isdir(root):
            shutil.rmtree(root)
        for i in sorted(picks):
            folder = os.path.join(root, str(d.target[i]))
            os.makedirs(folder, exist_ok=True)
            Image.fromarray(images[i], mode="L").save(os.path.join(folder, "%04d.png" % i), optimize=True)
        counts = np.bincount(d.target[picks], minlength=10)
        print("%s: %d images, per class %s" % (split, len(picks), " ".join(map(str, counts))))


if __name__ == "__main__":
    main()
