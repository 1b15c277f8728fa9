#!/usr/bin/python3
"""Reference dense SIFT descriptors for convkit's tests, written from VLFeat's documentation of
vl_dsift / vl_phow (dsift.h "Technical details", vl_phow help, vl_imsmooth help), not from its code.

Definition used (float64 throughout):
  * PHOW pre-smoothing: Gaussian of sigma sqrt((size/magnif)^2 - 0.25), kernel half-width ceil(4 sigma),
    normalised, edge ("continuity") padding, separable.
  * Gradient: central differences inside, one-sided differences on the first/last row and column.
  * Orientation: angle = atan2(gy, gx) in [0, 2 pi) (x right, y down); the magnitude is split linearly
    between bins floor(8 angle / 2 pi) and the next one (mod 8).
  * Frame with top-left bin centre (fx, fy): bin centres fx + i*size, fy + j*size (i, j = 0..3).
    A pixel at offset d from a bin centre weighs (1 - |d|/size) for |d| < size, times the Gaussian
    window exp(-0.5 (u/(window*size))^2), u = offset from the descriptor centre fx + 1.5 size;
    'fast': the window is replaced by its mean over the bin's 2 size - 1 pixels.
  * Frames from PHOW's offset floor(1.5 (max(sizes) - size)) by 'step' while fx + 3 size <= W - 1.
  * L2 normalise, clamp 0.2, renormalise; zero when norm/white < 0.005.
  * Layout d[(j*4 + i)*8 + t]; order: sizes, then frame rows, then frame columns.

Writes (little-endian float32, C order):
  camera-crop.f32            the 64x80 input image, values 0..255 (decoded from testdata/images/camera-crop.png)
  dsift-camera-<name>.f32    [n, 128] descriptors
  frames-camera-<name>.f32   [n, 3] (x, y, size)
Run: /usr/bin/python3 testdata/sift/dsift_ref.py   (from the repository root)
"""
import math
import os
import cv2
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def smooth(im, sigma):
    if sigma <= 0:
        return im
    r = int(math.ceil(4 * sigma))
    x = np.arange(-r, r + 1, dtype=np.float64)
    k = np.exp(-0.5 * (x / sigma) ** 2)
    k /= k.sum()
    p = np.pad(im, ((0, 0), (r, r)), mode="edge")
    tmp = sum(k[j] * p[:, j:j + im.shape[1]] for j in range(2 * r + 1))
    p = np.pad(tmp, ((r, r), (0, 0)), mode="edge")
    return sum(k[j] * p[j:j + im.shape[0], :] for j in range(2 * r + 1))


def gradients(im):
    gx = np.empty_like(im)
    gy = np.empty_like(im)
    gx[:, 1:-1] = 0.5 * (im[:, 2:] - im[:, :-2])
    gx[:, 0] = im[:, 1] - im[:, 0]
    gx[:, -1] = im[:, -1] - im[:, -2]
    gy[1:-1, :] = 0.5 * (im[2:, :] - im[:-2, :])
    gy[0, :] = im[1, :] - im[0, :]
    gy[-1, :] = im[-1, :] - im[-2, :]
    return gx, gy


def orientation_planes(im):
    gx, gy = gradients(im)
    mag = np.hypot(gx, gy)
    ang = np.mod(np.arctan2(gy, gx), 2 * np.pi)
    t = ang * 8 / (2 * np.pi)
    b = np.floor(t).astype(int)
    r = t - b
    planes = np.zeros((8,) + im.shape)
    for o in range(8):
        planes[o] += np.where(b % 8 == o, (1 - r) * mag, 0)
        planes[o] += np.where((b + 1) % 8 == o, r * mag, 0)
    return planes


def weights(n, f, size, window, fast):
    """weights[b, x]: contribution of coordinate x to spatial bin b of the frame starting at f."""
    x = np.arange(n, dtype=np.float64)
    w = np.zeros((4, n))
    sigma = window * size
    for b in range(4):
        c = f + b * size
        d = x - c
        tri = np.clip(1 - np.abs(d) / size, 0, None)
        if fast:
            dd = np.arange(-size + 1, size)
            win = np.mean(np.exp(-0.5 * ((dd + c - (f + 1.5 * size)) / sigma) ** 2))
        else:
            win = np.exp(-0.5 * ((x - (f + 1.5 * size)) / sigma) ** 2)
        w[b] = tri * win
    return w


def dsift(im, sizes, step=2, magnif=6.0, window=1.5, fast=False, contrast=0.005, white=255.0):
    h, w = im.shape
    descs, frames = [], []
    for size in sizes:
        off = int(math.floor(1.5 * (max(sizes) - size)))
        sigma = math.sqrt(max(0.0, (size / magnif) ** 2 - 0.25))
        g = orientation_planes(smooth(im, sigma))
        for fy in range(off, h - 3 * size, step):
            wy = weights(h, fy, size, window, fast)
            for fx in range(off, w - 3 * size, step):
                wx = weights(w, fx, size, window, fast)
                d = np.einsum("jy,ix,tyx->jit", wy, wx, g).reshape(-1)
                n = np.linalg.norm(d)
                if n == 0 or n / white < contrast:
                    d = np.zeros(128)
                else:
                    d = np.minimum(d / n, 0.2)
                    d /= np.linalg.norm(d)
                descs.append(d)
                frames.append((fx + 1.5 * size, fy + 1.5 * size, size))
    return np.array(descs), np.array(frames)


def main():
    im = cv2.imread(os.path.join(ROOT, "testdata/images/camera-crop.png"), cv2.IMREAD_GRAYSCALE)
    im = im.astype(np.float32)
    assert im.shape == (64, 80), im.shape
    im.astype("<f4").tofile(os.path.join(HERE, "camera-crop.f32"))
    im = im.astype(np.float64)
    for name, kw in {"phow-step6": dict(sizes=[4, 6, 8, 10], step=6),
                     "phow-fast-step6": dict(sizes=[4, 6, 8, 10], step=6, fast=True),
                     "tiny-sizes3-4-step5": dict(sizes=[3, 4], step=5, window=2.0)}.items():
        d, f = dsift(im, **kw)
        d.astype("<f4").tofile(os.path.join(HERE, f"dsift-camera-{name}.f32"))
        f.astype("<f4").tofile(os.path.join(HERE, f"frames-camera-{name}.f32"))
        print(name, d.shape, "zeroed:", int((np.abs(d).sum(1) == 0).sum()))


if __name__ == "__main__":
    main()
