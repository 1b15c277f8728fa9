#!/usr/bin/python3
"""convkit's convolution engine against OpenCV on the same 4096x4096 float32 image, in one run.

    /usr/bin/python3 bench/filters_vs_opencv.py [--quick] [--threads 1,2]

Builds the JMH jar (./mvnw -Pbench), runs ConvolutionBenchmark with short iterations, then times
cv2.filter2D (laplacian8 3x3, a random 7x7) and cv2.GaussianBlur (sigma 2, 17x17) with
cv2.setNumThreads(n), each both allocating its output and writing into a reused one (dst=), and
prints megapixels per second and the ratios convkit / OpenCV. Run it when the machine is quiet
(`uptime`); the script prints the load average it saw.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import cv2
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIZE = 4096
MP = SIZE * SIZE / 1e6
KERNELS = ['laplacian8-3x3', 'random-7x7', 'gaussian-sigma2']


def java_random_7x7():
    """The same weights as ConvolutionBenchmark.random7x7(): java.util.Random(7).nextDouble() * 2 - 1."""
    seed = (7 ^ 0x5DEECE66D) & ((1 << 48) - 1)
    out = []

    def nxt(bits):
        nonlocal seed
        seed = (seed * 0x5DEECE66D + 0xB) & ((1 << 48) - 1)
        return seed >> (48 - bits)

    for _ in range(49):
        out.append(((nxt(26) << 27) + nxt(27)) * (1.0 / (1 << 53)) * 2 - 1)
    return np.array(out, np.float32).reshape(7, 7)


def opencv(threads, repeats):
    cv2.setNumThreads(threads)
    rng = np.random.default_rng(1)
    img = rng.integers(0, 256, (SIZE, SIZE)).astype(np.float32)
    out = np.empty_like(img)
    lap8 = np.array([[1, 1, 1], [1, -8, 1], [1, 1, 1]], np.float32)
    k7 = java_random_7x7()
    calls = {
        'laplacian8-3x3': (lambda: cv2.filter2D(img, -1, lap8, borderType=cv2.BORDER_REFLECT_101),
                           lambda: cv2.filter2D(img, -1, lap8, dst=out, borderType=cv2.BORDER_REFLECT_101)),
        'random-7x7': (lambda: cv2.filter2D(img, -1, k7, borderType=cv2.BORDER_REFLECT_101),
                       lambda: cv2.filter2D(img, -1, k7, dst=out, borderType=cv2.BORDER_REFLECT_101)),
        'gaussian-sigma2': (lambda: cv2.GaussianBlur(img, (17, 17), 2, borderType=cv2.BORDER_REFLECT_101),
                            lambda: cv2.GaussianBlur(img, (17, 17), 2, dst=out, borderType=cv2.BORDER_REFLECT_101)),
    }
    result = {}
    for name, (alloc, into) in calls.items():
        for mode, f in (('filter', alloc), ('filterInto', into)):
            for _ in range(3):
                f()
            times = []
            for _ in range(repeats):
                t = time.perf_counter()
                f()
                times.append(time.perf_counter() - t)
            result[(name, mode)] = MP / np.median(times)
    return result


def convkit(threads, quick):
    subprocess.run([os.path.join(ROOT, 'mvnw'), '-B', '-q', '-Pbench', '-pl', 'bench', '-am', 'package', '-DskipTests'],
                   cwd=ROOT, check=True)
    java = subprocess.run(['bash', '-c', '. bin/find-jdk.sh >/dev/null 2>&1; convkit_find_jdk >/dev/null 2>&1; echo "$JAVA_HOME"'],
                          cwd=ROOT, capture_output=True, text=True).stdout.strip()
    java = os.path.join(java, 'bin', 'java') if java else 'java'
    with tempfile.NamedTemporaryFile(suffix='.json', delete=False) as f:
        out = f.name
    iters = ['-wi', '2', '-w', '1', '-i', '3', '-r', '1'] if quick else ['-wi', '3', '-w', '2', '-i', '5', '-r', '2']
    cmd = [java, '--add-modules', 'jdk.incubator.vector', '-jar', os.path.join(ROOT, 'bench', 'target', 'benchmarks.jar'),
           'ConvolutionBenchmark', '-f', '1', *iters, '-p', 'threads=' + ','.join(map(str, threads)),
           '-rf', 'json', '-rff', out]
    print('$ ' + ' '.join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    result = {}
    with open(out) as f:
        for r in json.load(f):
            mode = r['benchmark'].rsplit('.', 1)[1]
            result[(r['params']['kernel'], mode, int(r['params']['threads']))] = r['primaryMetric']['score'] * MP
    os.unlink(out)
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--quick', action='store_true', help='shorter JMH iterations')
    ap.add_argument('--threads', default='1,2')
    ap.add_argument('--repeats', type=int, default=15, help='OpenCV timings per case (median taken)')
    args = ap.parse_args()
    threads = [int(t) for t in args.threads.split(',')]
    print('load average before: %.2f %.2f %.2f' % os.getloadavg())
    ck = convkit(threads, args.quick)
    cv = {t: opencv(t, args.repeats) for t in threads}
    print('load average after:  %.2f %.2f %.2f' % os.getloadavg())
    print('OpenCV %s, %d threads max; 4096x4096 float32, border reflect101; MP/s (higher is better)' % (cv2.__version__, max(threads)))
    print('%-16s %-11s %7s %12s %12s %8s' % ('kernel', 'output', 'threads', 'convkit', 'OpenCV', 'ratio'))
    for name in KERNELS:
        for mode in ('filter', 'filterInto'):
            for t in threads:
                a = ck[(name, mode, t)]
                b = cv[t][(name, mode)]
                print('%-16s %-11s %7d %12.0f %12.0f %8.2f' % (name, 'new' if mode == 'filter' else 'reused', t, a, b, a / b))


if __name__ == '__main__':
    main()
