#!/usr/bin/python3
"""Reference pooled intensities for convkit's PooledIntensityTest, from scikit-image's block_reduce.

Run with Debian's python3-skimage:  /usr/bin/python3 testdata/features/intensity/make_intensity_refs.py
Inputs: testdata/images/camera-crop.png (gray) and chelsea-crop.png (RGB, channels averaged), read
losslessly. Each image's mean over cell x cell blocks (rows and columns that fill no whole block left
out, as HOG does), divided by the sum over blocks: <image>-c<cell>.f32, raw little-endian float32,
row by row.
"""
import os

import cv2
import numpy as np
from skimage.measure import block_reduce

HERE = os.path.dirname(os.path.abspath(__file__))
IMAGES = os.path.join(HERE, '..', '..', 'images')

for name in ('camera-crop', 'chelsea-crop'):
    img = cv2.imread(os.path.join(IMAGES, name + '.png'), cv2.IMREAD_UNCHANGED).astype(np.float64)
    gray = img.mean(axis=2) if img.ndim == 3 else img
    for cell in (4, 7):
        rows, cols = gray.shape[0] // cell, gray.shape[1] // cell
        pooled = block_reduce(gray[:rows * cell, :cols * cell], (cell, cell), np.mean)
        (pooled / pooled.sum()).astype('<f4').tofile(os.path.join(HERE, f'{name}-c{cell}.f32'))
        print(name, gray.shape, cell, pooled.shape)
