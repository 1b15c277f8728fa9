#!/usr/bin/python3
"""Cuts a stratified sample of Fashion-MNIST into testdata/fashion-mnist-sample/ (IDX .gz, same
format as the originals), so the demo and the tests run without the Debian package installed.

Source: /usr/share/datasets/fashion-mnist (apt-get install dataset-fashion-mnist).
Usage: /usr/bin/python3 testdata/make_fashion_sample.py [TRAIN_PER_CLASS] [TEST_PER_CLASS]
"""
import gzip, os, struct, sys
import numpy as np

SRC = '/usr/share/datasets/fashion-mnist'
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fashion-mnist-sample')


def read_idx(path):
    with gzip.open(path, 'rb') as f:
        raw = f.read()
    magic, = struct.unpack('>I', raw[:4])
    ndim = magic & 0xff
    dims = struct.unpack('>' + 'I' * ndim, raw[4:4 + 4 * ndim])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def write_idx(path, arr):
    header = struct.pack('>I', 0x0800 | arr.ndim) + struct.pack('>' + 'I' * arr.ndim, *arr.shape)
    # mtime=0 keeps the file byte-identical from one run to the next.
    with open(path, 'wb') as raw, gzip.GzipFile(fileobj=raw, mode='wb', mtime=0) as f:
        f.write(header + arr.astype(np.uint8).tobytes())


def sample(prefix, per_class, rng):
    x = read_idx(f'{SRC}/{prefix}-images-idx3-ubyte.gz')
    y = read_idx(f'{SRC}/{prefix}-labels-idx1-ubyte.gz')
    picks = np.concatenate([rng.choice(np.flatnonzero(y == c), per_class, replace=False) for c in range(10)])
    picks.sort()  # keep the original order, classes interleaved as in the source
    write_idx(f'{OUT}/{prefix}-images-idx3-ubyte.gz', x[picks])
    write_idx(f'{OUT}/{prefix}-labels-idx1-ubyte.gz', y[picks])


if __name__ == '__main__':
    train_n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    test_n = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261121)
    sample('train', train_n, rng)
    sample('t10k', test_n, rng)
