#!/usr/bin/python3
"""An independent NumPy implementation of the GIST descriptor as the LabelMe toolbox's LMgist
computes it (Oliva & Torralba 2001), used to make reference vectors for convkit's GistTest.

Written from LMgist's description (LMgist.m, prefilt.m, createGabor.m, imresizecrop.m and MATLAB's
documented imresize), not from convkit's Java. Run with Debian's python3:
    /usr/bin/python3 testdata/features/gist_ref.py
Writes gist/cases.tsv and one raw little-endian float32 vector per case (gist/<name>.f32).

Steps, for an image of any size:
 1. gray: mean of the colour channels (the --color variant keeps the channels);
 2. imresizecrop: scale by max(S/rows, S/cols), new size round(size * scale) (MATLAB round, half
    away from zero), MATLAB imresize 'bilinear' (triangle kernel, widened by 1/scale when shrinking,
    weights normalised, symmetric index mirroring; the dimension shrunk most first), centre crop at
    floor((new - S) / 2);
 3. img - min, then 255 * img / max (a constant image stays 0);
 4. prefilt(fc=4): log(1 + img), symmetric pad 5, pad to an even square, whitening
    img - real(ifft2(fft2(img) * gf)) with gf = fftshift(exp(-(fx^2 + fy^2) / s1^2)),
    s1 = fc / sqrt(log 2), then division by 0.2 + sqrt(|ifft2(fft2(mean_c(out)^2) * gf)|), crop;
 5. gistGabor: symmetric pad by the boundary, fft2, per filter |ifft2(F * G)|, crop, mean over a
    N x N grid of blocks with edges fix(linspace(0, S, N + 1)); blocks in column-major order;
    filters ordered scale by scale, orientation within scale.
 6. Gabor transfer functions (createGabor): for scale i (from 0) and orientation j of or_i:
    G = exp(-10 * 0.35 * (fr / n / (0.3 / 1.85^i) - 1)^2 - 2 * (16 or_i^2 / 32^2) * pi * tr^2) with
    fr the radial frequency and tr the angle of (fx, fy) plus pi j / or_i wrapped to [-pi, pi].
"""
import math
import os

import numpy as np
import scipy.fft

HERE = os.path.dirname(os.path.abspath(__file__))
IMAGES = os.path.join(HERE, '..', 'images')
OUT = os.path.join(HERE, 'gist')


def matlab_round(x):
    return int(math.floor(x + 0.5)) if x >= 0 else -int(math.floor(-x + 0.5))


def resize_weights(n_in, n_out):
    """MATLAB imresize 'bilinear' contributions along one axis as a dense (n_out, n_in) matrix."""
    scale = n_out / n_in
    width = 2.0
    if scale < 1:
        kernel = lambda d: scale * np.maximum(0.0, 1.0 - np.abs(scale * d))
        width = width / scale
    else:
        kernel = lambda d: np.maximum(0.0, 1.0 - np.abs(d))
    x = np.arange(1, n_out + 1, dtype=np.float64)
    u = x / scale + 0.5 * (1.0 - 1.0 / scale)
    left = np.floor(u - width / 2.0)
    taps = int(math.ceil(width)) + 2
    idx = left[:, None] + np.arange(taps)[None, :]
    w = kernel(u[:, None] - idx)
    w = w / w.sum(axis=1, keepdims=True)
    mirror = np.concatenate([np.arange(n_in), np.arange(n_in)[::-1]])
    idx0 = mirror[np.mod(idx.astype(np.int64) - 1, 2 * n_in)]
    m = np.zeros((n_out, n_in))
    for r in range(n_out):
        np.add.at(m[r], idx0[r], w[r])
    return m


def imresize(img, rows, cols):
    """img: (H, W, C) float64."""
    h, w = img.shape[:2]
    mr = resize_weights(h, rows)
    mc = resize_weights(w, cols)
    if rows / h <= cols / w:   # MATLAB resizes the dimension with the smaller scale first
        tmp = np.einsum('rh,hwc->rwc', mr, img)
        return np.einsum('cw,rwk->rck', mc, tmp)
    tmp = np.einsum('cw,hwk->hck', mc, img)
    return np.einsum('rh,hck->rck', mr, tmp)


def imresizecrop(img, s):
    h, w = img.shape[:2]
    scaling = max(s / h, s / w)
    nh, nw = matlab_round(h * scaling), matlab_round(w * scaling)
    img = imresize(img, nh, nw)
    sr = (nh - s) // 2
    sc = (nw - s) // 2
    return img[sr:sr + s, sc:sc + s]


def prefilt(img, fc=4):
    w = 5
    s1 = fc / math.sqrt(math.log(2))
    img = np.log(img + 1.0)
    img = np.pad(img, ((w, w), (w, w), (0, 0)), mode='symmetric')
    sn, sm = img.shape[:2]
    n = max(sn, sm)
    n = n + n % 2
    img = np.pad(img, ((0, n - sn), (0, n - sm), (0, 0)), mode='symmetric')
    f = np.arange(-n // 2, n // 2, dtype=np.float64)
    fx, fy = np.meshgrid(f, f)
    gf = np.fft.fftshift(np.exp(-(fx ** 2 + fy ** 2) / s1 ** 2))
    out = np.empty_like(img)
    for c in range(img.shape[2]):
        out[:, :, c] = img[:, :, c] - np.real(scipy.fft.ifft2(scipy.fft.fft2(img[:, :, c]) * gf))
    local = np.sqrt(np.abs(scipy.fft.ifft2(scipy.fft.fft2(out.mean(axis=2) ** 2) * gf)))
    out = out / (0.2 + local[:, :, None])
    return out[w:sn - w, w:sm - w, :]


def gabor_bank(orientations, n):
    f = np.arange(-n // 2, n // 2, dtype=np.float64)
    fx, fy = np.meshgrid(f, f)
    fr = np.fft.fftshift(np.sqrt(fx ** 2 + fy ** 2))
    t = np.fft.fftshift(np.angle(fx + 1j * fy))
    bank = []
    for i, o in enumerate(orientations):
        p1, p2, p3 = 0.35, 0.3 / 1.85 ** i, 16.0 * o ** 2 / 32.0 ** 2
        for j in range(o):
            tr = t + math.pi / o * j
            tr = tr + 2 * math.pi * (tr < -math.pi) - 2 * math.pi * (tr > math.pi)
            bank.append(np.exp(-10 * p1 * (fr / n / p2 - 1) ** 2 - 2 * p3 * math.pi * tr ** 2))
    return bank


def block_means(x, nb):
    s = x.shape[0]
    e = np.fix(np.linspace(0, s, nb + 1)).astype(int)
    out = np.empty((nb, nb))
    for r in range(nb):
        for c in range(nb):
            out[r, c] = x[e[r]:e[r + 1], e[c]:e[c + 1]].mean()
    return out.flatten(order='F')  # column-major: the row index varies fastest


def gist(img, size=128, orientations=(8, 8, 8, 8), blocks=4, fc=4, boundary=32, color=False):
    img = np.asarray(img, dtype=np.float64)
    if img.ndim == 2:
        img = img[:, :, None]
    if not color:
        img = img.mean(axis=2, keepdims=True)
    img = imresizecrop(img, size)
    img = img - img.min()
    top = img.max()
    if top > 0:
        img = 255.0 * img / top
    img = prefilt(img, fc)
    n = size + 2 * boundary
    bank = gabor_bank(orientations, n)
    feats = []
    for c in range(img.shape[2]):
        padded = np.pad(img[:, :, c], boundary, mode='symmetric')
        spectrum = scipy.fft.fft2(padded)
        for g in bank:
            resp = np.abs(scipy.fft.ifft2(spectrum * g))[boundary:n - boundary, boundary:n - boundary]
            feats.append(block_means(resp, blocks))
    return np.concatenate(feats)


def load(name):
    import cv2
    img = cv2.imread(os.path.join(IMAGES, name), cv2.IMREAD_UNCHANGED)
    if img.ndim == 3:
        img = cv2.cvtColor(img[:, :, :3], cv2.COLOR_BGR2RGB)
    return img


# name, image, crop (row0, col0, rows, cols) or None, size, orientations, blocks, fc, boundary, color
CASES = [
    ('camera-128', 'camera.png', None, 128, (8, 8, 8, 8), 4, 4, 32, False),
    ('coffee-128', 'coffee.png', None, 128, (8, 8, 8, 8), 4, 4, 32, False),
    ('coins-256', 'coins.png', None, 256, (8, 8, 8, 8), 4, 4, 32, False),
    ('chelsea-crop-32-o844-b2', 'chelsea-crop.png', None, 32, (8, 4, 4), 2, 4, 8, False),
    ('camera-crop-64-o6-b3-fc2', 'camera-crop.png', None, 64, (6, 6, 6), 3, 2, 16, False),
    ('coffee-color-128', 'coffee.png', None, 128, (8, 8, 4), 4, 4, 32, True),
    ('coins-tall-crop-96', 'coins.png', (0, 40, 303, 150), 96, (8, 8, 8), 4, 4, 32, False),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    lines = ['# name\timage\tcrop(row0,col0,rows,cols)\tsize\torientations\tblocks\tfc\tboundary\tcolor\tlength']
    for name, image, crop, size, ors, nb, fc, be, color in CASES:
        img = load(image)
        if crop is not None:
            r0, c0, h, w = crop
            img = img[r0:r0 + h, c0:c0 + w]
        v = gist(img, size, ors, nb, fc, be, color)
        v.astype('<f4').tofile(os.path.join(OUT, name + '.f32'))
        crop_s = '-' if crop is None else ','.join(map(str, crop))
        lines.append('\t'.join([name, image, crop_s, str(size), ','.join(map(str, ors)), str(nb), str(fc),
                                str(be), str(color).lower(), str(v.size)]))
    with open(os.path.join(OUT, 'cases.tsv'), 'w') as f:
        f.write('# made by gist_ref.py (NumPy %s, SciPy %s)\n' % (np.__version__, scipy.__version__))
        f.write('\n'.join(lines) + '\n')


if __name__ == '__main__':
    main()
