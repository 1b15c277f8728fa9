#!/usr/bin/env python3
"""Writes images/NN-CLASS.png: the first test image of each class of the Fashion-MNIST sample, as 8-bit gray PNGs."""
import gzip
import os

import cv2
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
sample = os.path.join(here, "..", "fashion-mnist-sample")
with gzip.open(os.path.join(sample, "t10k-images-idx3-ubyte.gz")) as f:
    images = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 28, 28)
with gzip.open(os.path.join(sample, "t10k-labels-idx1-ubyte.gz")) as f:
    labels = np.frombuffer(f.read(), np.uint8, offset=8)
os.makedirs(os.path.join(here, "images"), exist_ok=True)
for c in range(10):
    i = int(np.flatnonzero(labels == c)[0])
    cv2.imwrite(os.path.join(here, "images", "%02d-class%d.png" % (i, c)), images[i])
