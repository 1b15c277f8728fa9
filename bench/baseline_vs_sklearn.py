#!/usr/bin/python3
"""HOG + linear SVM on Fashion-MNIST: scikit-learn and convkit side by side, in one run.

scikit-learn: skimage.feature.hog per image with convkit's baseline defaults (9 orientations, HOG at
3x3-, 4x4- and 7x7-pixel cells concatenated (--cells 4 for one HOG), 2x2-cell blocks, transform_sqrt,
L1-sqrt block norm; --l2-hys for L2-Hys without
transform_sqrt, on both sides), StandardScaler, LinearSVC (LIBLINEAR's dual coordinate descent,
squared hinge, one-vs-rest, intercept_scaling 1, tol 0.1 = LIBLINEAR's own default, which convkit uses). convkit: `convkit baseline train --features hog`
then `convkit baseline eval`, the same features, scaling, loss and C. Prints both accuracies and
wall times (features + fit, and predict) and the ratio.

    bench/baseline_vs_sklearn.py                 # full 60,000 / 10,000 (several minutes)
    bench/baseline_vs_sklearn.py --limit 6000    # first 6,000 training and 1,000 test images
"""
import argparse
import gzip
import os
import re
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def idx(path):
    with gzip.open(path, 'rb') as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], 'big') for i in range(dims)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--data', default='/usr/share/datasets/fashion-mnist')
    ap.add_argument('--limit', type=int, help='first N training images and N/6 test images')
    ap.add_argument('--C', type=float, default=0.001, help='the SVM C for both (default: 0.001, convkit\'s hog default)')
    ap.add_argument('--cells', default='3,4,7', help='cell sizes, one HOG each, concatenated (default: 3,4,7, convkit\'s hog default)')
    ap.add_argument('--l2-hys', action='store_true', help='L2-Hys blocks and no transform_sqrt (scikit-image\'s defaults) on both sides')
    ap.add_argument('--jobs', type=int, default=os.cpu_count(), help='convkit worker threads')
    args = ap.parse_args()

    from skimage.feature import hog
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import LinearSVC

    xtr, ytr = idx(f'{args.data}/train-images-idx3-ubyte.gz'), idx(f'{args.data}/train-labels-idx1-ubyte.gz')
    xte, yte = idx(f'{args.data}/t10k-images-idx3-ubyte.gz'), idx(f'{args.data}/t10k-labels-idx1-ubyte.gz')
    ntr, nte = len(xtr), len(xte)
    if args.limit:
        ntr, nte = min(args.limit, ntr), min(max(1, args.limit // 6), nte)
    xtr, ytr, xte, yte = xtr[:ntr], ytr[:ntr], xte[:nte], yte[:nte]
    norm, sqrt = ('L2-Hys', False) if args.l2_hys else ('L1-sqrt', True)
    cells = [int(c) for c in args.cells.split(',')]
    print(f'Fashion-MNIST: {ntr} training, {nte} test images; HOG 9 orientations, cells {args.cells}, 2x2 blocks, {norm}, '
          f'transform_sqrt={sqrt}; '
          f'standardised; linear SVM C={args.C}', flush=True)

    def features(x):
        return np.stack([np.concatenate([hog(im, orientations=9, pixels_per_cell=(c, c), cells_per_block=(2, 2),
                                             block_norm=norm, transform_sqrt=sqrt) for c in cells])
                         for im in x]).astype(np.float32)

    t0 = time.perf_counter()
    ftr = features(xtr)
    scaler = StandardScaler().fit(ftr)
    svm = LinearSVC(C=args.C, loss='squared_hinge', dual=True, max_iter=1000, tol=0.1).fit(scaler.transform(ftr), ytr)
    sk_train = time.perf_counter() - t0
    t0 = time.perf_counter()
    sk_acc = float((svm.predict(scaler.transform(features(xte))) == yte).mean())
    sk_eval = time.perf_counter() - t0
    print(f'scikit-learn: accuracy {sk_acc:.4f}, train {sk_train:.1f} s, eval {sk_eval:.1f} s', flush=True)

    hog_flags = ['--cell', args.cells, '--block-norm', norm] + ([] if sqrt else ['--no-transform-sqrt'])
    limit = ['--limit', str(ntr)] if args.limit else []
    test_limit = ['--limit', str(nte)] if args.limit else []
    with tempfile.TemporaryDirectory() as tmp:
        model = os.path.join(tmp, 'hog.cvb')
        convkit = os.path.join(ROOT, 'convkit')
        subprocess.run([convkit, '--version'], check=True, capture_output=True)  # build the jar outside the timing
        t0 = time.perf_counter()
        subprocess.run([convkit, 'baseline', 'train', '--features', 'hog', '--C', str(args.C)] + hog_flags + ['--data', args.data,
                        '-o', model, '-q', '-j', str(args.jobs)] + limit, check=True)
        ck_train = time.perf_counter() - t0
        t0 = time.perf_counter()
        out = subprocess.run([convkit, 'baseline', 'eval', '-m', model, '--data', args.data, '--split', 'test', '-q',
                              '-j', str(args.jobs)] + test_limit, check=True, capture_output=True, text=True).stdout
        ck_eval = time.perf_counter() - t0
    ck_acc = float(re.match(r'accuracy: ([0-9.]+)', out).group(1))
    print(f'convkit:      accuracy {ck_acc:.4f}, train {ck_train:.1f} s, eval {ck_eval:.1f} s', flush=True)
    print()
    print(f'{"":14}{"accuracy":>10}{"train s":>10}{"eval s":>10}')
    print(f'{"scikit-learn":14}{sk_acc:10.4f}{sk_train:10.1f}{sk_eval:10.1f}')
    print(f'{"convkit":14}{ck_acc:10.4f}{ck_train:10.1f}{ck_eval:10.1f}')
    print(f'{"ratio":14}{"":10}{sk_train / ck_train:9.1f}x{sk_eval / ck_eval:9.1f}x   (scikit-learn time / convkit time)')
    print(f'load average while running: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores')


if __name__ == '__main__':
    sys.exit(main())
