#!/usr/bin/python3
"""HOG (and GIST) throughput: convkit against scikit-image and OpenCV, in one run.

    /usr/bin/python3 bench/hog_bench.py            (from the repository root)

HOG with 9 orientations, 4x4-pixel cells, 2x2-cell blocks (L2-Hys) on
  * the 10,000 Fashion-MNIST test images (/usr/share/datasets/fashion-mnist), and
  * a 512x512 image (testdata/images/camera.png), repeated.
convkit runs as users run it, `./convkit features --type hog ...` on an IDX folder (the 512x512
image is written 100 times into a temporary IDX file, so no PNG decoding is timed); we print its
wall time end to end (JVM start-up, reading, writing the .npz included) and its extraction rate
(the `-v` line: decoding + HOG + spooling the rows to disk, workers included; for 512x512 that is
2.3 MB of output per image). OpenCV runs with cv2.setNumThreads equal to convkit's -j. scikit-image's `hog` and OpenCV's
`HOGDescriptor.compute` (window = image, block 8x8, stride 4, cell 4x4, 9 bins: the same geometry,
though OpenCV interpolates votes and weighs blocks with a Gaussian) run on arrays already in memory.
GIST: `convkit features --type gist --size 256` on 256x256 crops, one worker, ms per image.
"""
import gzip
import os
import re
import struct
import subprocess
import sys
import tempfile
import time

import cv2
import numpy as np
from skimage.feature import hog

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FASHION = '/usr/share/datasets/fashion-mnist'
CONVKIT = os.path.join(ROOT, 'convkit')


def idx_folder(images, labels, folder):
    n, h, w = images.shape
    with open(os.path.join(folder, 't10k-images-idx3-ubyte'), 'wb') as f:
        f.write(struct.pack('>IIII', 0x803, n, h, w))
        f.write(images.astype(np.uint8).tobytes())
    with open(os.path.join(folder, 't10k-labels-idx1-ubyte'), 'wb') as f:
        f.write(struct.pack('>II', 0x801, n))
        f.write(labels.astype(np.uint8).tobytes())


def convkit_features(folder, jobs, extra, out):
    cmd = [CONVKIT, 'features', '--data', folder, '--split', 'test', '-o', out, '--overwrite', '-v', '-j', str(jobs)] + extra
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit('convkit failed: ' + p.stderr)
    m = re.search(r'extracted (\d+) images in ([\d.]+) s', p.stderr)
    n, secs = int(m.group(1)), float(m.group(2))
    return n / wall, n / secs


def rate(fn, items, min_time=2.0):
    done, t0 = 0, time.perf_counter()
    while True:
        for x in items:
            fn(x)
        done += len(items)
        el = time.perf_counter() - t0
        if el >= min_time:
            return done / el


def main():
    subprocess.run([CONVKIT, '--version'], check=True, capture_output=True)  # build the jar first, untimed
    with gzip.open(os.path.join(FASHION, 't10k-images-idx3-ubyte.gz')) as f:
        fashion = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 28, 28)
    camera = cv2.imread(os.path.join(ROOT, 'testdata/images/camera.png'), cv2.IMREAD_GRAYSCALE)
    print('HOG: 9 orientations, cell 4x4, block 2x2, L2-Hys; %d cores; OpenCV %s threads %d, scikit-image from %s'
          % (os.cpu_count(), cv2.__version__, cv2.getNumThreads(), os.path.dirname(hog.__code__.co_filename)))
    hog28 = cv2.HOGDescriptor((28, 28), (8, 8), (4, 4), (4, 4), 9)
    hog512 = cv2.HOGDescriptor((512, 512), (8, 8), (4, 4), (4, 4), 9)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        fm = os.path.join(tmp, 'fashion')
        big = os.path.join(tmp, 'big')
        gist = os.path.join(tmp, 'gist')
        for d in (fm, big, gist):
            os.makedirs(d)
        os.symlink(os.path.join(FASHION, 't10k-images-idx3-ubyte.gz'), os.path.join(fm, 't10k-images-idx3-ubyte.gz'))
        os.symlink(os.path.join(FASHION, 't10k-labels-idx1-ubyte.gz'), os.path.join(fm, 't10k-labels-idx1-ubyte.gz'))
        idx_folder(np.repeat(camera[None], 100, axis=0), np.zeros(100), big)
        crops = np.stack([camera[r:r + 256, c:c + 256] for r in range(0, 256, 64) for c in range(0, 256, 64)] * 4)
        idx_folder(crops, np.zeros(len(crops)), gist)
        out = os.path.join(tmp, 'out.npz')
        hog_opts = ['--type', 'hog', '--cell', '4', '--block', '2']

        # OpenCV gets as many threads as convkit gets workers (-j), in each row of the table.
        sk = rate(lambda x: hog(x, 9, (4, 4), (2, 2)), fashion[:2000])
        for jobs in (1, os.cpu_count()):
            cv2.setNumThreads(jobs)
            cv = rate(lambda x: hog28.compute(x), fashion)
            e2e, ext = convkit_features(fm, jobs, hog_opts, out)
            results.append(('Fashion-MNIST 28x28, 10,000', jobs, e2e, ext, sk, cv))
        sk = rate(lambda x: hog(x, 9, (4, 4), (2, 2)), [camera], 3.0)
        for jobs in (1, os.cpu_count()):
            cv2.setNumThreads(jobs)
            cv = rate(lambda x: hog512.compute(x), [camera], 3.0)
            e2e, ext = convkit_features(big, jobs, hog_opts, out)
            results.append(('512x512, x100', jobs, e2e, ext, sk, cv))

        print('\n%-28s %4s %12s %12s %12s %12s %10s %10s' % ('images', '-j', 'convkit e2e', 'convkit ext', 'skimage',
                                                             'OpenCV', 'ext/skimg', 'ext/OpenCV'))
        for name, jobs, e2e, ext, sk, cv in results:
            print('%-28s %4d %12.0f %12.0f %12.1f %12.0f %9.1fx %9.2fx' % (name, jobs, e2e, ext, sk, cv, ext / sk, ext / cv))
        print('(images per second; e2e = wall time of the whole command, JVM start-up and output file included;'
              ' ext = its -v extraction rate; OpenCV with cv2.setNumThreads(-j); load average before: %s)'
              % open('/proc/loadavg').read().split()[0])

        _, gist_rate = convkit_features(gist, 1, ['--type', 'gist', '--size', '256'], out)
        print('\nGIST 256x256 (LMgist, 8,8,8,8, 4x4 blocks), convkit -j 1: %.1f images/s, %.1f ms per image'
              % (gist_rate, 1000 / gist_rate))


if __name__ == '__main__':
    main()
