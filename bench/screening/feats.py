"""Feature extraction for the issue-4 screening: NumPy HOG (matches skimage's unsigned HOG, plus
signed / soft-binned variants), pooled intensity. All 70,000 images (60k train then 10k test),
cached as float32 .npy in $SCREEN_CACHE (default /tmp/screening/cache)."""
import gzip, os, sys, time
import numpy as np

D = '/usr/share/datasets/fashion-mnist'
CACHE = os.environ.get('SCREEN_CACHE', '/tmp/screening/cache')
os.makedirs(CACHE, exist_ok=True)


def idx(name):
    with gzip.open(os.path.join(D, name)) as f:
        b = f.read()
    nd = b[3]
    dims = [int.from_bytes(b[4 + 4 * i:8 + 4 * i], 'big') for i in range(nd)]
    return np.frombuffer(b, np.uint8, offset=4 + 4 * nd).reshape(dims)


def data():
    p = os.path.join(CACHE, 'images.npy')
    if not os.path.exists(p):
        X = np.concatenate([idx('train-images-idx3-ubyte.gz'), idx('t10k-images-idx3-ubyte.gz')])
        y = np.concatenate([idx('train-labels-idx1-ubyte.gz'), idx('t10k-labels-idx1-ubyte.gz')])
        np.save(p, X); np.save(os.path.join(CACHE, 'labels.npy'), y)
    return np.load(p), np.load(os.path.join(CACHE, 'labels.npy'))


def hog_np(img, cell, orient=9, signed=False, soft=False, sqrt=True, block=2, eps=1e-5):
    """img: (N,H,W) float64. Same as skimage hog(..., block_norm='L1') when signed=soft=False:
    central differences (0 at the border rows/cols), hard orientation bins of 180/orient degrees,
    cell histograms of magnitude / cell area over cells tiled from (0,0), L1 blocks, ravel order
    (block row, block col, cell row, cell col, orientation)."""
    if sqrt:
        img = np.sqrt(img)
    N, H, W = img.shape
    gr = np.zeros_like(img); gc = np.zeros_like(img)
    gr[:, 1:-1, :] = img[:, 2:, :] - img[:, :-2, :]
    gc[:, :, 1:-1] = img[:, :, 2:] - img[:, :, :-2]
    mag = np.hypot(gc, gr)
    span = 360. if signed else 180.
    ang = np.rad2deg(np.arctan2(gr, gc)) % span
    w = span / orient
    ncr, ncc = H // cell, W // cell
    mag = mag[:, :ncr * cell, :ncc * cell]; ang = ang[:, :ncr * cell, :ncc * cell]
    hist = np.zeros((N, ncr * cell, ncc * cell, orient))
    if not soft:
        b = np.floor(ang / w).astype(np.int64)
        valid = b < orient
        b = np.minimum(b, orient - 1)
        np.put_along_axis(hist, b[..., None], (mag * valid)[..., None], axis=3)
    else:  # linear interpolation between bin centres, circular
        t = ang / w - 0.5
        b0 = np.floor(t).astype(np.int64)
        f = t - b0
        b1 = (b0 + 1) % orient
        b0 = b0 % orient
        np.put_along_axis(hist, b0[..., None], (mag * (1 - f))[..., None], axis=3)
        h2 = np.zeros_like(hist)
        np.put_along_axis(h2, b1[..., None], (mag * f)[..., None], axis=3)
        hist += h2
    hist = hist.reshape(N, ncr, cell, ncc, cell, orient).sum((2, 4)) / (cell * cell)
    nbr, nbc = ncr - block + 1, ncc - block + 1
    out = np.empty((N, nbr, nbc, block, block, orient))
    for r in range(nbr):
        for c in range(nbc):
            blk = hist[:, r:r + block, c:c + block, :]
            out[:, r, c] = blk / (np.abs(blk).sum((1, 2, 3))[:, None, None, None] + eps)
    return out.reshape(N, -1)


def pooled(img, cell):
    N, H, W = img.shape
    return img.reshape(N, H // cell, cell, W // cell, cell).mean((2, 4))  .reshape(N, -1)


def upsample2(img):
    from skimage.transform import resize
    return np.stack([resize(im, (56, 56), order=1, mode='edge', anti_aliasing=False) for im in img])


SPECS = {
    # name: function of float64 images in [0,1]
    'hog3': lambda x: hog_np(x, 3), 'hog4': lambda x: hog_np(x, 4), 'hog7': lambda x: hog_np(x, 7),
    'hog2': lambda x: hog_np(x, 2),
    'shog3': lambda x: hog_np(x, 3, 18, signed=True), 'shog4': lambda x: hog_np(x, 4, 18, signed=True),
    'shog7': lambda x: hog_np(x, 7, 18, signed=True),
    'soft3': lambda x: hog_np(x, 3, soft=True), 'soft4': lambda x: hog_np(x, 4, soft=True),
    'soft7': lambda x: hog_np(x, 7, soft=True),
    'int7': lambda x: pooled(x, 4), 'int14': lambda x: pooled(x, 2),
}


def feature(name):
    p = os.path.join(CACHE, name + '.npy')
    if not os.path.exists(p):
        X, _ = data()
        t = time.time()
        if name.startswith('up'):   # HOG of the 2x bilinear-upsampled image, e.g. up6
            up = os.path.join(CACHE, 'up2.npy')
            if not os.path.exists(up):
                np.save(up, upsample2(X.astype(np.float64) / 255).astype(np.float32))
            U = np.load(up, mmap_mode='r')
            f = lambda x: hog_np(x, int(name[2:]))
            src = U
        else:
            f = SPECS[name]; src = X
        parts = [f(np.asarray(src[i:i + 5000], np.float64) / (1 if name.startswith('up') else 255))
                 for i in range(0, len(src), 5000)]
        np.save(p, np.concatenate(parts).astype(np.float32))
        print(f'feature {name}: {time.time() - t:.1f} s', flush=True)
    return np.load(p, mmap_mode='r')


if __name__ == '__main__':
    for n in sys.argv[1:]:
        print(n, feature(n).shape, flush=True)
