#!/usr/bin/python3
"""Reference HOG vectors from scikit-image for convkit's HogTest.

Run with Debian's python3-skimage:  /usr/bin/python3 testdata/features/make_hog_refs.py
Writes hog/cases.tsv (one line per case) and, per case, the descriptor as raw little-endian
float32 (hog/<name>.f32). Inputs are crops of the PNGs in testdata/images, read losslessly
(the Java test reads the same PNGs and makes the same crops).
"""
import os

import cv2
import numpy as np
import skimage
from skimage.feature import hog

HERE = os.path.dirname(os.path.abspath(__file__))
IMAGES = os.path.join(HERE, '..', 'images')
OUT = os.path.join(HERE, 'hog')


def load(name):
    img = cv2.imread(os.path.join(IMAGES, name), cv2.IMREAD_UNCHANGED)
    if img.ndim == 3:
        img = cv2.cvtColor(img, cv2.COLOR_BGR2RGB)
    return img


# name, image, crop (row0, col0, rows, cols) or None, orientations, cell (r, c), block (r, c), norm, sqrt
CASES = []
for norm in ('L1', 'L1-sqrt', 'L2', 'L2-Hys'):
    for sq in (False, True):
        tag = norm.lower().replace('-', '') + ('-sqrt' if sq else '')
        CASES.append(('camera-' + tag, 'camera-crop.png', None, 9, (8, 8), (3, 3), norm, sq))
        CASES.append(('chelsea-' + tag, 'chelsea-crop.png', None, 9, (8, 8), (3, 3), norm, sq))
CASES += [
    # sizes that do not divide by the cell, rectangular cells and blocks
    ('coffee-77x83-c7x5-b2x3-o8', 'coffee.png', (20, 30, 77, 83), 8, (7, 5), (2, 3), 'L2-Hys', False),
    ('coffee-77x83-c7x5-b2x3-o8-sqrt', 'coffee.png', (20, 30, 77, 83), 8, (7, 5), (2, 3), 'L1', True),
    ('camera-71x61-c6-b2-o12', 'camera.png', (100, 150, 71, 61), 12, (6, 6), (2, 2), 'L1', False),
    ('camera-71x61-c6x4-b1-o7', 'camera.png', (100, 150, 71, 61), 7, (6, 4), (1, 1), 'L2', True),
    ('moon16-c4-b2', 'moon-crop-16bit.png', None, 9, (4, 4), (2, 2), 'L2-Hys', False),
    ('moon16-c5-b2-sqrt', 'moon-crop-16bit.png', None, 6, (5, 5), (2, 2), 'L1-sqrt', True),
    # the benchmark's Fashion-MNIST geometry: 28x28, cell 4, block 2
    ('coins-28x28-c4-b2', 'coins.png', (150, 200, 28, 28), 9, (4, 4), (2, 2), 'L2-Hys', False),
    ('logo-rgb-c8-b2', 'logo-rgba.png', (0, 0, 43, 57), 9, (8, 8), (2, 2), 'L2-Hys', False),
]

# One visualisation reference: skimage's hog_image.
VISUALIZE = ('camera-L2-Hys-visual', 'camera-crop.png', None, 9, (8, 8), (3, 3), 'L2-Hys', False)


def crop_of(img, crop):
    if crop is None:
        return img
    r0, c0, h, w = crop
    return img[r0:r0 + h, c0:c0 + w]


def main():
    os.makedirs(OUT, exist_ok=True)
    lines = ['# name\timage\tcrop(row0,col0,rows,cols)\torientations\tcell(r,c)\tblock(r,c)\tnorm\tsqrt\tlength']
    for name, image, crop, o, cell, block, norm, sq in CASES:
        img = crop_of(load(image), crop)
        if img.ndim == 3 and img.shape[2] == 4:
            img = img[:, :, :3]  # alpha is not a channel for HOG
        channel_axis = -1 if img.ndim == 3 else None
        v = hog(img, orientations=o, pixels_per_cell=cell, cells_per_block=block, block_norm=norm,
                transform_sqrt=sq, feature_vector=True, channel_axis=channel_axis)
        v.astype('<f4').tofile(os.path.join(OUT, name + '.f32'))
        crop_s = '-' if crop is None else ','.join(map(str, crop))
        lines.append('\t'.join([name, image, crop_s, str(o), '%d,%d' % cell, '%d,%d' % block, norm,
                                str(sq).lower(), str(v.size)]))
    name, image, crop, o, cell, block, norm, sq = VISUALIZE
    img = crop_of(load(image), crop)
    _, vis = hog(img, orientations=o, pixels_per_cell=cell, cells_per_block=block, block_norm=norm,
                 transform_sqrt=sq, visualize=True)
    vis.astype('<f4').tofile(os.path.join(OUT, name + '.f32'))
    with open(os.path.join(OUT, 'cases.tsv'), 'w') as f:
        f.write('# made by make_hog_refs.py with scikit-image %s\n' % skimage.__version__)
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
