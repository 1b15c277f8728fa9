#!/usr/bin/python3
"""Reference outputs for convkit's filters, from OpenCV and SciPy.

Run from anywhere with Debian's python3 (python3-opencv, python3-scipy):
    /usr/bin/python3 testdata/filters/make_refs.py

Writes, beside this script:
  <group>.npz    'input' (float32, HxW or HxWxC, decoded here so the Java tests need no image
                 decoder) and one float32 array per reference case
  manifest.tsv   one line per case: group, array, op, argument, border, peer, call
The JUnit test FiltersReferenceTest replays every line with convkit and compares to 1e-4 of max |ref|.

Ops: convolve/correlate (argument: a kernel name as Kernels spells it, e.g. gaussian(2), or an
inline matrix [a b; c d]), median/min/max (argument: window size), sobelmag, unsharp (sigma,amount).
Borders use convkit's names: zero, constant:V, replicate, reflect, reflect101, wrap.
OpenCV has no BORDER_WRAP for filtering (it asserts), so wrap references come from SciPy only.
"""
import os
import sys

import cv2
import numpy as np
import scipy.ndimage as nd

HERE = os.path.dirname(os.path.abspath(__file__))
IMAGES = os.path.join(HERE, '..', 'images')

CV_BORDER = {'zero': cv2.BORDER_CONSTANT, 'replicate': cv2.BORDER_REPLICATE, 'reflect': cv2.BORDER_REFLECT,
             'reflect101': cv2.BORDER_REFLECT_101}
SCIPY_MODES = ['zero', 'constant:37.5', 'replicate', 'reflect', 'reflect101', 'wrap']
ALL_BORDERS = SCIPY_MODES


def scipy_mode(border):
    """(mode, cval) for scipy.ndimage."""
    if border == 'zero':
        return 'constant', 0.0
    if border.startswith('constant:'):
        return 'constant', float(border.split(':')[1])
    return {'replicate': 'nearest', 'reflect': 'reflect', 'reflect101': 'mirror', 'wrap': 'grid-wrap'}[border], 0.0


# --- kernels, written as convkit's Kernels builds them (convolution form) ---------------------------

def gaussian1d(sigma, size=None):
    r = int(4 * sigma + 0.5) if size is None else size // 2
    x = np.arange(-r, r + 1, dtype=np.float64)
    g = np.exp(-x * x / (2 * sigma * sigma))
    return (g / g.sum()).astype(np.float32)


def outer(col, row):
    return np.outer(np.asarray(col, np.float32), np.asarray(row, np.float32)).astype(np.float32)


NAMED = {
    'identity()': np.ones((1, 1), np.float32),
    'box(3)': outer([1 / 3] * 3, [1 / 3] * 3),
    'box(5)': outer([1 / 5] * 5, [1 / 5] * 5),
    'gaussian(1)': outer(gaussian1d(1), gaussian1d(1)),
    'gaussian(2)': outer(gaussian1d(2), gaussian1d(2)),
    'gaussian(1.5,7)': outer(gaussian1d(1.5, 7), gaussian1d(1.5, 7)),
    'sobelX()': outer([1, 2, 1], [1, 0, -1]),
    'sobelY()': outer([1, 0, -1], [1, 2, 1]),
    'scharrX()': outer([3, 10, 3], [1, 0, -1]),
    'scharrY()': outer([1, 0, -1], [3, 10, 3]),
    'prewittX()': outer([1, 1, 1], [1, 0, -1]),
    'prewittY()': outer([1, 0, -1], [1, 1, 1]),
    'laplacian()': np.array([[0, 1, 0], [1, -4, 1], [0, 1, 0]], np.float32),
    'laplacian8()': np.array([[1, 1, 1], [1, -8, 1], [1, 1, 1]], np.float32),
    'sharpen()': np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], np.float32),
    'emboss()': np.array([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]], np.float32),
}

rng = np.random.default_rng(20240611)


def random_kernel(h, w):
    return np.round(rng.uniform(-1, 1, (h, w)), 3).astype(np.float32)


CUSTOM = {
    'rand3x3': random_kernel(3, 3),
    'rand7x7': random_kernel(7, 7),
    'rand4x4': random_kernel(4, 4),
    'rand2x3': random_kernel(2, 3),
    'rand6x5': random_kernel(6, 5),
    'rank1-5x3': outer(np.round(rng.uniform(-1, 1, 5), 3), np.round(rng.uniform(-1, 1, 3), 3)),
}


def matrix_text(k):
    return '[' + '; '.join(' '.join('%.9g' % v for v in row) for row in k) + ']'


# --- peers ------------------------------------------------------------------------------------------

def per_channel(img, f):
    if img.ndim == 2:
        return f(img)
    return np.stack([f(img[:, :, c]) for c in range(img.shape[2])], axis=2)


def scipy_linear(img, k, border, op):
    mode, cval = scipy_mode(border)
    fn = nd.convolve if op == 'convolve' else nd.correlate
    return per_channel(img, lambda p: fn(p.astype(np.float64), k.astype(np.float64), mode=mode, cval=cval))


def cv_linear(img, k, border, op):
    kh, kw = k.shape
    if op == 'convolve':  # scipy's convolve convention: flipped kernel, anchor mirrored
        return cv2.filter2D(img, cv2.CV_32F, k[::-1, ::-1].copy(), anchor=(kw - 1 - kw // 2, kh - 1 - kh // 2),
                            borderType=CV_BORDER[border])
    return cv2.filter2D(img, cv2.CV_32F, k, borderType=CV_BORDER[border])


def cv_named(img, name, border):
    """The dedicated OpenCV function for a named kernel, when there is one."""
    b = CV_BORDER[border]
    if name.startswith('gaussian('):
        args = [float(v) for v in name[len('gaussian('):-1].split(',')]
        sigma = args[0]
        size = int(args[1]) if len(args) > 1 else 2 * int(4 * sigma + 0.5) + 1
        return 'cv2.GaussianBlur', cv2.GaussianBlur(img, (size, size), sigma, sigmaY=sigma, borderType=b)
    if name.startswith('box('):
        s = int(name[4:-1])
        return 'cv2.blur', cv2.blur(img, (s, s), borderType=b)
    if name in ('sobelX()', 'sobelY()'):
        dx = int(name == 'sobelX()')
        return 'cv2.Sobel', cv2.Sobel(img, cv2.CV_32F, dx, 1 - dx, ksize=3, borderType=b)
    if name in ('scharrX()', 'scharrY()'):
        dx = int(name == 'scharrX()')
        return 'cv2.Scharr', cv2.Scharr(img, cv2.CV_32F, dx, 1 - dx, borderType=b)
    if name == 'laplacian()':
        return 'cv2.Laplacian', cv2.Laplacian(img, cv2.CV_32F, ksize=1, borderType=b)
    return 'cv2.filter2D', cv_linear(img, NAMED[name], border, 'convolve')


def scipy_rank(img, op, size, border):
    mode, cval = scipy_mode(border)
    fn = {'median': nd.median_filter, 'min': nd.minimum_filter, 'max': nd.maximum_filter}[op]
    return per_channel(img, lambda p: fn(p, size=size, mode=mode, cval=cval))


def cv_rank(img, op, size, border):
    if op == 'median':
        assert border == 'replicate'  # medianBlur always replicates
        if size <= 5:
            return cv2.medianBlur(img, size)
        return cv2.medianBlur(np.clip(img, 0, 255).astype(np.uint8), size).astype(np.float32)
    value = 37.5 if border.startswith('constant') else 0
    b = cv2.BORDER_CONSTANT if border.startswith('constant') or border == 'zero' else CV_BORDER[border]
    fn = cv2.erode if op == 'min' else cv2.dilate
    return fn(img, np.ones((size, size), np.uint8), borderType=b, borderValue=value)


# --- the cases --------------------------------------------------------------------------------------

class Group:
    def __init__(self, name, img):
        self.name = name
        self.img = np.ascontiguousarray(img, dtype=np.float32)
        self.arrays = {'input': self.img}

    def add(self, op, arg, border, peer, call, out):
        out = np.asarray(out, dtype=np.float32)
        assert out.shape == self.img.shape, (op, arg, border, out.shape)
        key = 'r%03d' % len(self.arrays)
        self.arrays[key] = out
        MANIFEST.append('\t'.join([self.name, key, op, arg, border, peer, call]))
        return out


MANIFEST = []


def cross_check(a, b, what):
    """OpenCV and SciPy must agree where both exist; otherwise our reading of one of them is wrong."""
    scale = max(1.0, float(np.abs(b).max()))
    err = float(np.abs(a.astype(np.float64) - b).max()) / scale
    if err > 1e-5:
        sys.exit('OpenCV and SciPy disagree on %s: %g' % (what, err))


def linear_all_borders(g, op, name, k):
    """Every border: OpenCV where it has the mode (cross-checked against SciPy), else SciPy."""
    for border in ALL_BORDERS:
        ref = scipy_linear(g.img, k, border, op)
        if border in CV_BORDER:
            if op == 'convolve' and name in NAMED:
                call, cv = cv_named(g.img, name, border)
            else:
                call, cv = 'cv2.filter2D', cv_linear(g.img, k, border, op)
            cross_check(cv, ref, '%s %s %s %s' % (g.name, op, name, border))
            g.add(op, name if name in NAMED else matrix_text(k), border, 'opencv', call, cv)
        else:
            g.add(op, name if name in NAMED else matrix_text(k), border, 'scipy', 'scipy.ndimage.' + op, ref)


def rank_all_borders(g, op, size):
    for border in ALL_BORDERS:
        ref = scipy_rank(g.img, op, size, border)
        g.add(op, str(size), border, 'scipy', 'scipy.ndimage.%s_filter' % {'min': 'minimum', 'max': 'maximum'}.get(op, op), ref)
        if op != 'median' and border != 'wrap' and size % 2 == 1:
            cv = cv_rank(g.img, op, size, border)
            cross_check(cv, ref, '%s %s %d %s' % (g.name, op, size, border))
            g.add(op, str(size), border, 'opencv', 'cv2.erode' if op == 'min' else 'cv2.dilate', cv)
    if op == 'median' and size % 2 == 1 and (size <= 5 or g.img.max() <= 255):
        cv = cv_rank(g.img, op, size, 'replicate')
        cross_check(cv, scipy_rank(g.img, op, size, 'replicate'), '%s median %d' % (g.name, size))
        g.add(op, str(size), 'replicate', 'opencv', 'cv2.medianBlur', cv)


def read(name, flags=cv2.IMREAD_UNCHANGED):
    img = cv2.imread(os.path.join(IMAGES, name), flags)
    if img is None:
        sys.exit('cannot read ' + name)
    if img.ndim == 3:
        img = cv2.cvtColor(img, cv2.COLOR_BGR2RGB)  # convkit's channel order
    return img.astype(np.float32)


def main():
    camera = read('camera-crop.png')
    chelsea = read('chelsea-crop.png')
    moon = read('moon-crop-16bit.png')
    assert camera.shape == (64, 80) and chelsea.shape == (60, 80, 3) and moon.shape == (64, 80)

    # A 24x20 crop of the camera man: every kernel and operator in every border mode.
    small = Group('camera-small', camera[20:40, 30:54])
    for name, k in NAMED.items():
        linear_all_borders(small, 'convolve', name, k)
    for name, k in CUSTOM.items():
        linear_all_borders(small, 'convolve', name, k)
        linear_all_borders(small, 'correlate', name, k)
    for op in ('median', 'min', 'max'):
        for size in (3, 4, 5):
            rank_all_borders(small, op, size)
    rank_all_borders(small, 'median', 7)
    for border in ALL_BORDERS:
        mode, cval = scipy_mode(border)
        blur = nd.gaussian_filter(small.img.astype(np.float64), 1.5, mode=mode, cval=cval)
        small.add('unsharp', '1.5,0.8', border, 'scipy', 'img + 0.8 * (img - scipy.ndimage.gaussian_filter)',
                  small.img + 0.8 * (small.img - blur))
        sx = scipy_linear(small.img, NAMED['sobelX()'], border, 'convolve')
        sy = scipy_linear(small.img, NAMED['sobelY()'], border, 'convolve')
        if border in CV_BORDER:
            b = CV_BORDER[border]
            cx = cv2.Sobel(small.img, cv2.CV_32F, 1, 0, borderType=b)
            cy = cv2.Sobel(small.img, cv2.CV_32F, 0, 1, borderType=b)
            small.add('sobelmag', '', border, 'opencv', 'cv2.magnitude(cv2.Sobel dx, cv2.Sobel dy)', cv2.magnitude(cx, cy))
        else:
            small.add('sobelmag', '', border, 'scipy', 'hypot(scipy.ndimage.convolve sobel x, y)', np.hypot(sx, sy))
        small.add('gaussian_filter', '2', border, 'scipy', 'scipy.ndimage.gaussian_filter(sigma=2)',
                  nd.gaussian_filter(small.img.astype(np.float64), 2, mode=mode, cval=cval))

    # The whole 80x64 camera man with the peers' default borders (OpenCV reflect101, SciPy reflect).
    full = Group('camera', camera)
    for name in NAMED:
        call, cv = cv_named(full.img, name, 'reflect101')
        full.add('convolve', name, 'reflect101', 'opencv', call, cv)
    full.add('convolve', 'gaussian(2.5)', 'reflect', 'scipy', 'scipy.ndimage.gaussian_filter(sigma=2.5)',
             nd.gaussian_filter(full.img.astype(np.float64), 2.5))
    full.add('correlate', matrix_text(CUSTOM['rand7x7']), 'reflect101', 'opencv', 'cv2.filter2D',
             cv_linear(full.img, CUSTOM['rand7x7'], 'reflect101', 'correlate'))
    full.add('median', '5', 'replicate', 'opencv', 'cv2.medianBlur', cv_rank(full.img, 'median', 5, 'replicate'))
    full.add('median', '9', 'replicate', 'opencv', 'cv2.medianBlur (uint8)', cv_rank(full.img, 'median', 9, 'replicate'))
    full.add('min', '7', 'replicate', 'opencv', 'cv2.erode', cv_rank(full.img, 'min', 7, 'replicate'))
    full.add('max', '7', 'reflect101', 'opencv', 'cv2.dilate', cv_rank(full.img, 'max', 7, 'reflect101'))

    # Colour: each channel filtered alike (OpenCV filters the three channels of one Mat).
    cat = Group('chelsea', chelsea)
    for border in ('reflect101', 'replicate'):
        call, cv = cv_named(cat.img, 'gaussian(1.5,7)', border)
        cat.add('convolve', 'gaussian(1.5,7)', border, 'opencv', call, cv)
    call, cv = cv_named(cat.img, 'sobelX()', 'reflect')
    cat.add('convolve', 'sobelX()', 'reflect', 'opencv', call, cv)
    cat.add('median', '3', 'replicate', 'opencv', 'cv2.medianBlur', cv_rank(cat.img, 'median', 3, 'replicate'))
    cat.add('correlate', matrix_text(CUSTOM['rand4x4']), 'wrap', 'scipy', 'scipy.ndimage.correlate',
            scipy_linear(cat.img, CUSTOM['rand4x4'], 'wrap', 'correlate'))

    # 16-bit moon: large values, fine steps.
    mn = Group('moon', moon)
    for name in ('gaussian(2)', 'laplacian()', 'sobelY()', 'scharrX()'):
        call, cv = cv_named(mn.img, name, 'reflect101')
        mn.add('convolve', name, 'reflect101', 'opencv', call, cv)
    mn.add('median', '5', 'replicate', 'opencv', 'cv2.medianBlur', cv_rank(mn.img, 'median', 5, 'replicate'))
    mn.add('min', '5', 'reflect', 'opencv', 'cv2.erode', cv_rank(mn.img, 'min', 5, 'reflect'))

    # A 5x4 image and kernels larger than it, in every border mode.
    tiny = Group('tiny', camera[30:34, 40:45])
    for name in ('gaussian(2)', 'box(5)'):
        linear_all_borders(tiny, 'convolve', name, NAMED[name])
    for name in ('rand7x7', 'rand6x5', 'rand4x4'):
        linear_all_borders(tiny, 'convolve', name, CUSTOM[name])
        linear_all_borders(tiny, 'correlate', name, CUSTOM[name])
    big = outer(np.round(rng.uniform(-1, 1, 11), 3), np.round(rng.uniform(-1, 1, 9), 3))
    linear_all_borders(tiny, 'correlate', 'rank1-11x9', big)
    for op in ('median', 'min', 'max'):
        rank_all_borders(tiny, op, 7)

    for g in (small, full, cat, mn, tiny):
        np.savez_compressed(os.path.join(HERE, g.name + '.npz'), **g.arrays)
    with open(os.path.join(HERE, 'manifest.tsv'), 'w') as f:
        f.write('# group\tarray\top\targument\tborder\tpeer\tcall  (made by make_refs.py)\n')
        f.write('\n'.join(MANIFEST) + '\n')
    print('%d reference cases' % len(MANIFEST))


if __name__ == '__main__':
    main()
