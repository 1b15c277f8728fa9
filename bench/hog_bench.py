#!/usr/bin/python3
"""HOG (and GIST) throughput: convkit against scikit-image and OpenCV, in one run, two ways.

    /usr/bin/python3 bench/hog_bench.py            (from the repository root)

1. The kernel, warm, one thread, on images in memory: convkit's JMH `HogGistBenchmark` (built here with
   -Pbench if bench/target/benchmarks.jar is missing or older than the sources) against scikit-image's
   `hog` and OpenCV's `HOGDescriptor.compute` looping over NumPy arrays (whose C code needs no warm-up).
   Like against like: no process start-up, no file reading or writing on either side.
2. The whole job as a user runs it, files in and out: the command below against a Python process
   doing the same with OpenCV (read the IDX file, compute every image, np.savez X and y), both timed as
   whole processes (start-up, imports, JIT warm-up, reading, writing). -j 1 / cv2.setNumThreads(1).

HOG with 9 orientations, 4x4-pixel cells, 2x2-cell blocks (L2-Hys) on
  * the 10,000 Fashion-MNIST test images (/usr/share/datasets/fashion-mnist), and
  * a 512x512 image (testdata/images/camera.png), repeated.
convkit runs as users run it, `./convkit features --type hog ...` on an IDX folder (the 512x512
image is written 100 times into a temporary IDX file, so no PNG decoding is timed, by either side);
"ext" is its `-v` extraction rate (decoding + HOG + spooling the rows to disk; for 512x512 that is
2.3 MB of output per image). OpenCV's `HOGDescriptor` (window = image, block 8x8, stride 4, cell 4x4,
9 bins) has the same geometry, though it interpolates votes and weighs blocks with a Gaussian.
GIST: `convkit features --type gist --size 256` on 256x256 crops, one worker, ms per image.
"""
import gzip
import json
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


def jmh_rates():
    """Images/s of the warm JMH kernels: hog28x28x1000 (x1000 images per op), hog512x512, gist256x256."""
    jar = os.path.join(ROOT, 'bench', 'target', 'benchmarks.jar')
    srcs = [os.path.join(d, f) for m in ('features', 'filters', 'bench') for d, _, fs in os.walk(os.path.join(ROOT, m, 'src', 'main')) for f in fs]
    if not os.path.exists(jar) or max(map(os.path.getmtime, srcs)) > os.path.getmtime(jar):
        subprocess.run([os.path.join(ROOT, 'mvnw'), '-B', '-q', '-Pbench', '-pl', 'bench', '-am', 'package', '-DskipTests'],
                       cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    java = subprocess.run(['sh', '-c', '. "%s/bin/find-jdk.sh" && convkit_find_jdk && echo $JAVA_HOME' % ROOT],
                          capture_output=True, text=True, check=True).stdout.split()[-1]
    with tempfile.NamedTemporaryFile(suffix='.json') as f:
        subprocess.run([os.path.join(java, 'bin', 'java'), '--add-modules', 'jdk.incubator.vector', '-jar', jar,
                        'HogGistBenchmark', '-f', '1', '-wi', '3', '-w', '2s', '-i', '5', '-r', '2s', '-t', '1',
                        '-rf', 'json', '-rff', f.name], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        runs = json.load(f)
    score = {r['benchmark'].rsplit('.', 1)[1]: r['primaryMetric']['score'] for r in runs}
    return score['hog28x28x1000'] * 1000, score['hog512x512'], score['gist256x256']


OPENCV_JOB = """
import gzip, os, struct, sys, cv2, numpy as np
cv2.setNumThreads(1)
folder, out = sys.argv[1], sys.argv[2]
def idx(prefix):
    p = os.path.join(folder, [n for n in sorted(os.listdir(folder)) if n.startswith(prefix)][0])
    return gzip.open(p).read() if p.endswith('.gz') else open(p, 'rb').read()
raw = idx('t10k-images')
n, h, w = struct.unpack('>III', raw[4:16])
images = np.frombuffer(raw, np.uint8, offset=16).reshape(n, h, w)
y = np.frombuffer(idx('t10k-labels'), np.uint8, offset=8).astype(np.int32)
d = cv2.HOGDescriptor((w, h), (8, 8), (4, 4), (4, 4), 9)
X = np.stack([d.compute(im).ravel() for im in images])
np.savez(out, X=X, y=y)
"""


def opencv_job(folder, out):
    """Images/s of a whole Python process doing the job with OpenCV (start-up and imports included)."""
    t = time.perf_counter()
    subprocess.run(['/usr/bin/python3', '-c', OPENCV_JOB, folder, out], check=True)
    return time.perf_counter() - t


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

        cv2.setNumThreads(1)
        sk28 = rate(lambda x: hog(x, 9, (4, 4), (2, 2)), fashion[:2000])
        cv28 = rate(lambda x: hog28.compute(x), fashion)
        sk512 = rate(lambda x: hog(x, 9, (4, 4), (2, 2)), [camera], 3.0)
        cv512 = rate(lambda x: hog512.compute(x), [camera], 3.0)
        ck28, ck512, gist_warm = jmh_rates()
        print('\n1. Kernel, warm, one thread, images in memory (images per second)')
        print('%-22s %12s %12s %12s %12s %12s' % ('images', 'convkit JMH', 'skimage', 'OpenCV', 'vs skimage', 'vs OpenCV'))
        for name, ck, sk, cv in (('Fashion-MNIST 28x28', ck28, sk28, cv28), ('camera 512x512', ck512, sk512, cv512)):
            print('%-22s %12.0f %12.1f %12.0f %11.1fx %11.2fx' % (name, ck, sk, cv, ck / sk, ck / cv))

        print('\n2. The whole job, files in and out, whole processes timed (images per second)')
        print('%-28s %4s %12s %12s %14s %12s' % ('images', '-j', 'convkit', 'convkit ext', 'OpenCV script', 'vs OpenCV'))
        for name, folder, n in (('Fashion-MNIST 28x28, 10,000', fm, 10000), ('512x512, x100', big, 100)):
            cv = n / opencv_job(folder, out)
            for jobs in (1, os.cpu_count()):
                e2e, ext = convkit_features(folder, jobs, hog_opts, out)
                print('%-28s %4d %12.0f %12.0f %14.0f %11.2fx' % (name, jobs, e2e, ext, cv, e2e / cv))
        print('(convkit = `convkit features --type hog --cell 4 --block 2`, the whole command; ext = its -v'
              ' extraction rate; the OpenCV script runs with one thread; load average before: %s)'
              % open('/proc/loadavg').read().split()[0])

        _, gist_rate = convkit_features(gist, 1, ['--type', 'gist', '--size', '256'], out)
        print('\nGIST 256x256 (LMgist, 8,8,8,8, 4x4 blocks), one thread: warm kernel (JMH) %.1f ms per image;'
              ' `convkit features -j 1` %.1f ms per image (%.1f images/s)' % (1000 / gist_warm, 1000 / gist_rate, gist_rate))


if __name__ == '__main__':
    main()
