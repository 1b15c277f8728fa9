#!/usr/bin/python3
"""GEMM side by side: convkit's cnn GEMM (JMH, bench/GemmBenchmark) and NumPy/OpenBLAS float32 matmul,
square 256/512/1024, 1 and 2 threads, in one run; prints GFLOP/s and the ratio.

Usage (repository root): /usr/bin/python3 bench/cnn_gemm.py [--quick] [--tile 4x2|6x2|8x2] [--bits 128|256|512]
--tile and --bits force convkit's register tile and vector width (the convkit.gemm.tile/bits properties;
by default the GEMM chooses them from the CPU). NumPy runs with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE
unset (this machine's environment pins an old core type that slows a current OpenBLAS down);
threadpoolctl reports which kernel it then uses. The CPU model and its widest vector extension are printed
first, since every figure depends on them.
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SIZES = (256, 512, 1024)
QUICK = "--quick" in sys.argv


def option(name):
    return sys.argv[sys.argv.index(name) + 1] if name in sys.argv else None


OVERRIDES = ["-Dconvkit.gemm.%s=%s" % (key, option("--" + key)) for key in ("tile", "bits") if option("--" + key)]

NUMPY = r"""
import json, sys, time
import numpy as np
from threadpoolctl import threadpool_info, threadpool_limits
info = [(i['internal_api'], i.get('architecture'), i['version']) for i in threadpool_info()]
out = {'info': info}
for th in (1, 2):
    with threadpool_limits(th):
        for n in %s:
            rng = np.random.default_rng(1)
            a = rng.random((n, n), dtype=np.float32); b = rng.random((n, n), dtype=np.float32)
            reps = max(3, int(2e10 / (2 * n ** 3)))
            best = 1e9
            for _ in range(%d):
                t = time.perf_counter()
                for _ in range(reps):
                    a @ b
                best = min(best, (time.perf_counter() - t) / reps)
            out['%%d/%%d' %% (n, th)] = 2 * n ** 3 / best / 1e9
print(json.dumps(out))
""" % (SIZES, 3 if QUICK else 8)


def convkit():
    subprocess.run([os.path.join(ROOT, "mvnw"), "-B", "-q", "-Pbench", "-pl", "bench", "-am", "package",
                    "-DskipTests"], cwd=ROOT, check=True)
    java = os.path.join(os.environ.get("JAVA_HOME", ""), "bin", "java") if os.environ.get("JAVA_HOME") else None
    if not java or not os.path.exists(java):
        java = subprocess.run(["bash", "-c", "source bin/find-jdk.sh && convkit_find_jdk && echo $JAVA_HOME"],
                              cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip() + "/bin/java"
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        cmd = [java, "--add-modules", "jdk.incubator.vector", "-jar", os.path.join(ROOT, "bench/target/benchmarks.jar"),
               "GemmBenchmark", "-rf", "json", "-rff", f.name]
        if QUICK:
            cmd += ["-wi", "1", "-i", "2"]
        if OVERRIDES:
            cmd += ["-jvmArgsAppend", " ".join(OVERRIDES)]
        subprocess.run(cmd, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        res = json.load(open(f.name))
    out = {}
    for r in res:
        n, th = int(r["params"]["n"]), int(r["params"]["threads"])
        out["%d/%d" % (n, th)] = r["primaryMetric"]["score"] * 2 * n ** 3 / 1e9
    return out


def cpu():
    model, flags = "unknown CPU", set()
    with open("/proc/cpuinfo") as f:
        for line in f:
            key, _, value = line.partition(":")
            if key.strip() == "model name":
                model = value.strip()
            elif key.strip() == "flags":
                flags = set(value.split())
    widest = "AVX-512" if "avx512f" in flags else "AVX2" if "avx2" in flags else "SSE/other"
    return "%s, %s, %d logical CPUs" % (model, widest, os.cpu_count())


def main():
    env = dict(os.environ)
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    ours = convkit()
    peer = json.loads(subprocess.run(["/usr/bin/python3", "-c", NUMPY], env=env, capture_output=True, text=True,
                                     check=True).stdout)
    print("CPU:", cpu())
    print("convkit kernel:", " ".join(OVERRIDES) or "chosen from the CPU (TileChoice)")
    print("NumPy BLAS:", peer.pop("info"))
    print("| n | threads | convkit GFLOP/s | NumPy/OpenBLAS GFLOP/s | ratio |")
    print("| --- | --- | --- | --- | --- |")
    for th in (1, 2):
        for n in SIZES:
            key = "%d/%d" % (n, th)
            print("| %d | %d | %.1f | %.1f | %.2f |" % (n, th, ours[key], peer[key], ours[key] / peer[key]))


if __name__ == "__main__":
    main()
