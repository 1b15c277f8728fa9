#!/usr/bin/python3
"""convkit's `baseline train` defaults against scikit-learn's LinearSVC on scikit-image HOG, each side
choosing its own C on the training set only; test accuracy of the chosen models, side by side.

Data sets (the same images on both sides):
  digits   testdata/digits (scikit-learn's 8x8 digits as class folders, 1,347 train / 450 test)
  fashion  a stratified sample of N Fashion-MNIST training images (default 3,000: 300 per class, seed 0)
           and all 10,000 test images, written as IDX files into a temporary folder that convkit reads

convkit: `convkit baseline train --features hog --data DIR` with nothing else (defaults: multi-scale HOG,
cells scaled down on images under 28 pixels, standardised, C chosen by 5-fold cross-validation below
10,000 images), then `convkit baseline eval`. With --previous, also the old fixed C = 0.001 (`--C 0.001`).

scikit-learn: skimage.feature.hog per image (2x2-cell blocks, transform_sqrt, one cell size: 4 pixels
on 28x28 images, 2 on 8x8), StandardScaler and LinearSVC (scikit-learn's defaults: squared hinge,
tol 1e-4, max_iter 1000) in a Pipeline; C by GridSearchCV over 15 values 1, 3, 10 ... apart from 1e-5
to 100 (wider than convkit's 13, which convkit places by the features' scale: from 1e-5 for standardised
HOG of 28x28 images, from 1e-4 on the digits), 5-fold stratified cross-validation on the training
images, refitted on all of them. Three HOG variants: L2-Hys blocks (scikit-image's default), L1-sqrt
blocks, and convkit's default cell sizes (3, 4 and 7 on 28x28, 2, 3 and 4 on 8x8, concatenated) with
L1-sqrt.

    /usr/bin/python3 bench/baseline_defaults_vs_sklearn.py                    # digits and fashion
    /usr/bin/python3 bench/baseline_defaults_vs_sklearn.py --sets digits --previous
    /usr/bin/python3 bench/baseline_defaults_vs_sklearn.py --sets fashion --variants l1sqrt --sklearn-max-c 0.1
    /usr/bin/python3 bench/baseline_defaults_vs_sklearn.py --sets fashion --variants multi --also='--cell 4'
"""
import argparse
import glob
import gzip
import os
import re
import subprocess
import sys
import tempfile
import time
import warnings

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GRID = [1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3, 1, 3, 10, 30, 100]


def idx(path):
    with gzip.open(path, 'rb') as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], 'big') for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def write_idx(path, a):
    a = np.ascontiguousarray(a, np.uint8)
    head = bytes([0, 0, 8, a.ndim]) + b''.join(int(d).to_bytes(4, 'big') for d in a.shape)
    with gzip.open(path, 'wb', compresslevel=1) as f:
        f.write(head + a.tobytes())


def folders(root):
    """A class-folder split as arrays (classes sorted by name, as convkit and torchvision read them)."""
    from PIL import Image
    classes = sorted(os.listdir(root))
    xs, ys = [], []
    for k, c in enumerate(classes):
        for p in sorted(glob.glob(os.path.join(root, c, '*.png'))):
            xs.append(np.asarray(Image.open(p).convert('L')))
            ys.append(k)
    return np.stack(xs), np.array(ys)


def fashion_sample(data, n, seed, out):
    """A stratified sample of n training images (every class its share), all test images; IDX files in out."""
    xtr, ytr = idx(f'{data}/train-images-idx3-ubyte.gz'), idx(f'{data}/train-labels-idx1-ubyte.gz')
    xte, yte = idx(f'{data}/t10k-images-idx3-ubyte.gz'), idx(f'{data}/t10k-labels-idx1-ubyte.gz')
    rng = np.random.default_rng(seed)
    classes = np.unique(ytr)
    pick = np.sort(np.concatenate([rng.choice(np.flatnonzero(ytr == c), n // len(classes), replace=False) for c in classes]))
    write_idx(f'{out}/train-images-idx3-ubyte.gz', xtr[pick])
    write_idx(f'{out}/train-labels-idx1-ubyte.gz', ytr[pick])
    write_idx(f'{out}/t10k-images-idx3-ubyte.gz', xte)
    write_idx(f'{out}/t10k-labels-idx1-ubyte.gz', yte)
    return xtr[pick], ytr[pick], xte, yte


def sklearn_side(xtr, ytr, xte, yte, cells, norm, grid, jobs):
    from skimage.feature import hog
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.model_selection import GridSearchCV, StratifiedKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import LinearSVC

    def features(x):
        return np.stack([np.concatenate([hog(im, orientations=9, pixels_per_cell=(c, c), cells_per_block=(2, 2),
                                             block_norm=norm, transform_sqrt=True) for c in cells])
                         for im in x]).astype(np.float32)

    t0 = time.perf_counter()
    search = GridSearchCV(make_pipeline(StandardScaler(), LinearSVC()), {'linearsvc__C': grid},
                          cv=StratifiedKFold(5, shuffle=True, random_state=0), n_jobs=jobs)
    # large C on separable sets reaches max_iter; GridSearchCV's worker processes take the filter from the environment
    os.environ['PYTHONWARNINGS'] = 'ignore:Liblinear failed to converge'
    with warnings.catch_warnings():
        warnings.simplefilter('ignore', ConvergenceWarning)
        search.fit(features(xtr), ytr)
    train_s = time.perf_counter() - t0
    acc = float((search.predict(features(xte)) == yte).mean())
    return acc, search.best_params_['linearsvc__C'], float(search.best_score_), train_s


def convkit_side(data, extra, jobs):
    convkit = os.path.join(ROOT, 'convkit')
    with tempfile.TemporaryDirectory() as tmp:
        model = os.path.join(tmp, 'm.cvb')
        t0 = time.perf_counter()
        r = subprocess.run([convkit, 'baseline', 'train', '--features', 'hog', '--data', data, '-o', model, '-j', str(jobs)] + extra,
                           check=True, capture_output=True, text=True)
        train_s = time.perf_counter() - t0
        out = subprocess.run([convkit, 'baseline', 'eval', '-m', model, '--data', data, '--split', 'test', '-q', '-j', str(jobs)],
                             check=True, capture_output=True, text=True).stdout
    acc = float(re.match(r'accuracy: ([0-9.]+)', out).group(1))
    chose = re.search(r'chose C=(\S+) by .*?held-out accuracy ([0-9.]+)', r.stderr)
    fitted = re.search(r'fitted the SVM: \d+ classes, C=([^,]+)', r.stderr)
    cells = re.search(r'hog features of \d+ images: (\d+) values', r.stderr)
    return acc, (chose.group(1) if chose else fitted.group(1)), (float(chose.group(2)) if chose else float('nan')), train_s, cells.group(1)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--sets', default='digits,fashion', help='digits, fashion or both (default: both)')
    ap.add_argument('--fashion', default='/usr/share/datasets/fashion-mnist', help='the full Fashion-MNIST IDX folder')
    ap.add_argument('--sample', type=int, default=3000, help='Fashion-MNIST training images drawn (default: 3000)')
    ap.add_argument('--previous', action='store_true', help='also convkit with the previous fixed HOG C (--C 0.001)')
    ap.add_argument('--also', action='append', default=[], metavar='OPTIONS',
                    help='also convkit with these options added to the defaults, e.g. --also="--cell 4" (repeatable)')
    ap.add_argument('--variants', default='l2hys,l1sqrt,multi',
                    help='scikit-learn sides: l2hys (one cell size, L2-Hys), l1sqrt (one, L1-sqrt), multi (convkit\'s cells,'
                         ' L1-sqrt) (default: all three)')
    ap.add_argument('--sklearn-max-c', type=float, default=100,
                    help='scikit-learn\'s grid ends here (default: 100); its fits are slowest at large C, where'
                         ' LinearSVC runs to max_iter')
    ap.add_argument('--jobs', type=int, default=os.cpu_count(), help='convkit worker threads, and GridSearchCV\'s n_jobs')
    args = ap.parse_args()
    subprocess.run([os.path.join(ROOT, 'convkit'), '--version'], check=True, capture_output=True)  # build outside the timing

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sets.split(','):
            if name == 'digits':
                data = os.path.join(ROOT, 'testdata', 'digits')
                xtr, ytr = folders(os.path.join(data, 'train'))
                xte, yte = folders(os.path.join(data, 'test'))
                one, multi = [2], [2, 3, 4]
            elif name == 'fashion':
                data = os.path.join(tmp, 'fashion')
                os.makedirs(data)
                xtr, ytr, xte, yte = fashion_sample(args.fashion, args.sample, 0, data)
                one, multi = [4], [3, 4, 7]
            else:
                sys.exit(f'unknown set {name!r}: digits or fashion')
            label = f'{name} ({len(xtr)} / {len(xte)})'
            print(f'{label}: convkit defaults...', file=sys.stderr, flush=True)
            acc, c, cv, secs, dim = convkit_side(data, [], args.jobs)
            rows.append((label, f'convkit defaults (HOG {dim} values)', acc, c, cv, secs))
            print(f'  {rows[-1]}', file=sys.stderr, flush=True)
            if args.previous:
                acc, c, cv, secs, dim = convkit_side(data, ['--C', '0.001'], args.jobs)
                rows.append((label, 'convkit, previous fixed C', acc, c, cv, secs))
                print(f'  {rows[-1]}', file=sys.stderr, flush=True)
            for extra in args.also:
                acc, c, cv, secs, dim = convkit_side(data, extra.split(), args.jobs)
                rows.append((label, f'convkit {extra} (HOG {dim} values)', acc, c, cv, secs))
                print(f'  {rows[-1]}', file=sys.stderr, flush=True)
            variants = {'l2hys': (f'cell {one[0]}, L2-Hys', one, 'L2-Hys'), 'l1sqrt': (f'cell {one[0]}, L1-sqrt', one, 'L1-sqrt'),
                        'multi': (f'cells {",".join(map(str, multi))}, L1-sqrt', multi, 'L1-sqrt')}
            variants = [variants[v.strip()] for v in args.variants.split(',')]
            for what, cells, norm in variants:
                print(f'{label}: scikit-learn {what}...', file=sys.stderr, flush=True)
                grid = [c for c in GRID if c <= args.sklearn_max_c]
                acc, c, cv, secs = sklearn_side(xtr, ytr, xte, yte, cells, norm, grid, args.jobs)
                rows.append((label, f'scikit-learn LinearSVC, skimage HOG {what}', acc, c, cv, secs))
                print(f'  {rows[-1]}', file=sys.stderr, flush=True)

    print(f'| data (train / test) | pipeline | test accuracy | C chosen | its CV accuracy | train s |')
    print('|---|---|---:|---:|---:|---:|')
    for label, what, acc, c, cv, secs in rows:
        print(f'| {label} | {what} | {acc:.4f} | {c} | {cv:.4f} | {secs:.1f} |')
    print(f'\nload average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores')


if __name__ == '__main__':
    sys.exit(main())
