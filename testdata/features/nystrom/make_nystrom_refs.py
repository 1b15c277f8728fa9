#!/usr/bin/python3
"""Reference outputs for NystromMapTest (run with Debian's /usr/bin/python3 from the repository root).

Inputs: the first 40 test images of testdata/fashion-mnist-sample, scikit-image HOG (cell 7, block 2,
9 orientations, L1 blocks, transform_sqrt: 324 values), VLFeat's chi2 homogeneous map of order 1 written
out in NumPy, L2-normalised: x.f32 (40 x 972). Landmarks: the first 12 rows. gamma = 2.
Outputs, from SciPy (cdist, cholesky, solve_triangular), independent of convkit's code:
  kernel.f32  exp(-gamma |x_i - l_j|^2), 40 x 12
  z.f32       L^-1 k(x_i) with K + 1e-6 mean(diag K) I = L L^T (the same jitter as NystromMap), 40 x 12
All raw little-endian float32, row-major.
"""
import gzip
import os
import numpy as np
from scipy.linalg import cholesky, solve_triangular
from scipy.spatial.distance import cdist
from skimage.feature import hog

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, '..', '..', 'fashion-mnist-sample', 't10k-images-idx3-ubyte.gz')
N, M, GAMMA = 40, 12, 2.0


def images():
    with gzip.open(SAMPLE) as f:
        b = f.read()
    return np.frombuffer(b, np.uint8, offset=16).reshape(-1, 28, 28)[:N]


def chi2_map(x):
    period = 5.86 + 3.65  # VLFeat's default for order 1
    step = 2 * np.pi / period
    kappa = lambda w: 1 / np.cosh(np.pi * w)
    root = np.sqrt(x)
    logx = np.log(np.where(x > 0, x, 1))
    c0, c1 = np.sqrt(step * kappa(0)), np.sqrt(2 * step * kappa(step))
    out = np.stack([c0 * root, c1 * root * np.cos(step * logx), c1 * root * np.sin(step * logx)], axis=2)
    out[x == 0] = 0
    return out.reshape(len(x), -1)


h = np.stack([hog(im / 255.0, orientations=9, pixels_per_cell=(7, 7), cells_per_block=(2, 2),
                  block_norm='L1', transform_sqrt=True) for im in images()])
x = chi2_map(h)
x = (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)
xd = x.astype(np.float64)
landmarks = xd[:M]
k = np.exp(-GAMMA * cdist(xd, landmarks, 'sqeuclidean'))
kmm = np.exp(-GAMMA * cdist(landmarks, landmarks, 'sqeuclidean'))
kmm += 1e-6 * np.mean(np.diag(kmm)) * np.eye(M)
low = cholesky(kmm, lower=True)
z = solve_triangular(low, k.T, lower=True).T
for name, a in (('x', x), ('kernel', k), ('z', z)):
    a.astype('<f4').tofile(os.path.join(HERE, name + '.f32'))
print('wrote', x.shape, k.shape, z.shape)
