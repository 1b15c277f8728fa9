#!/usr/bin/python3
"""Reference signed-orientation HOG vectors for convkit's HogTest (scikit-image has no signed HOG).

Run with Debian's python3:  /usr/bin/python3 testdata/features/make_signed_hog_refs.py
Writes hog/signed-cases.tsv (columns as hog/cases.tsv) and, per case, the descriptor as raw
little-endian float32 (hog/<name>.f32). The HOG is the NumPy one of bench/screening/feats.py
(hog_np), written out again here so that the references do not move when the screening harness
does: central differences (zero across the first and last row / column), orientation
rad2deg(arctan2(gr, gc)) % 360, hard bin floor(angle / (360 / n)) (dropped if it reaches n),
per-cell mean of the magnitudes, L1 blocks with eps 1e-5, C order. Before writing, the same code
with % 180 is checked against scikit-image's hog, so that both share the conventions (gradient
signs, angle origin) that convkit's unsigned HOG already matches.
"""
import os

import cv2
import numpy as np
from skimage.feature import hog

HERE = os.path.dirname(os.path.abspath(__file__))
IMAGES = os.path.join(HERE, '..', 'images')
OUT = os.path.join(HERE, 'hog')

# name, image, crop (row0, col0, rows, cols) or None, orientations, cell, block, sqrt
CASES = [
    # 8-bit with sqrt: convkit's general path, the baseline's setting
    ('signed-camera-c8-b2-o18-sqrt', 'camera-crop.png', None, 18, 8, 2, True),
    # 8-bit without sqrt: convkit's integer-gradient table; Fashion-MNIST's 28x28 geometry
    ('signed-coins-28x28-c4-b2-o18', 'coins.png', (150, 200, 28, 28), 18, 4, 2, False),
    # an odd count: 180 degrees is not a boundary
    ('signed-camera-71x61-c6-b2-o9', 'camera.png', (100, 150, 71, 61), 9, 6, 2, False),
    # 16-bit: real-valued gradients, general path
    ('signed-moon16-c5-b2-o12', 'moon-crop-16bit.png', None, 12, 5, 2, False),
]


def load(name):
    return cv2.imread(os.path.join(IMAGES, name), cv2.IMREAD_UNCHANGED)


def crop_of(img, crop):
    if crop is None:
        return img
    r0, c0, h, w = crop
    return img[r0:r0 + h, c0:c0 + w]


def hog_np(img, cell, orient, signed, sqrt, block, eps=1e-5):
    """img: (H, W) float64 in its stored scale. bench/screening/feats.py's hard-binned hog_np, one image."""
    if sqrt:
        img = np.sqrt(img)
    H, W = img.shape
    gr = np.zeros_like(img)
    gc = np.zeros_like(img)
    gr[1:-1, :] = img[2:, :] - img[:-2, :]
    gc[:, 1:-1] = img[:, 2:] - img[:, :-2]
    mag = np.hypot(gc, gr)
    span = 360. if signed else 180.
    ang = np.rad2deg(np.arctan2(gr, gc)) % span
    w = span / orient
    ncr, ncc = H // cell, W // cell
    mag = mag[:ncr * cell, :ncc * cell]
    ang = ang[:ncr * cell, :ncc * cell]
    b = np.floor(ang / w).astype(np.int64)
    valid = b < orient
    b = np.minimum(b, orient - 1)
    hist = np.zeros((ncr * cell, ncc * cell, orient))
    np.put_along_axis(hist, b[..., None], (mag * valid)[..., None], axis=2)
    hist = hist.reshape(ncr, cell, ncc, cell, orient).sum((1, 3)) / (cell * cell)
    nbr, nbc = ncr - block + 1, ncc - block + 1
    out = np.empty((nbr, nbc, block, block, orient))
    for r in range(nbr):
        for c in range(nbc):
            blk = hist[r:r + block, c:c + block, :]
            out[r, c] = blk / (np.abs(blk).sum() + eps)
    return out.ravel()


def main():
    lines = ['# name\timage\tcrop(row0,col0,rows,cols)\torientations\tcell(r,c)\tblock(r,c)\tnorm\tsqrt\tlength']
    for name, image, crop, o, cell, block, sq in CASES:
        img = crop_of(load(image), crop).astype(np.float64)
        assert img.ndim == 2, name + ': hog_np takes gray images'
        unsigned = hog_np(img, cell, o, False, sq, block)
        sk = hog(img, orientations=o, pixels_per_cell=(cell, cell), cells_per_block=(block, block),
                 block_norm='L1', transform_sqrt=sq, feature_vector=True)
        assert np.abs(unsigned - sk).max() < 1e-6, (name, np.abs(unsigned - sk).max())
        v = hog_np(img, cell, o, True, sq, block)
        v.astype('<f4').tofile(os.path.join(OUT, name + '.f32'))
        crop_s = '-' if crop is None else ','.join(map(str, crop))
        lines.append('\t'.join([name, image, crop_s, str(o), '%d,%d' % (cell, cell), '%d,%d' % (block, block), 'L1',
                                str(sq).lower(), str(v.size)]))
    with open(os.path.join(OUT, 'signed-cases.tsv'), 'w') as f:
        f.write('# made by make_signed_hog_refs.py (NumPy %s); signed orientations over 360 degrees\n' % np.__version__)
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
