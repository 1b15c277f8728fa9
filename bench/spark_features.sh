#!/usr/bin/env bash
# HOG features over Fashion-MNIST written out as PNG class folders, in one run: `convkit features` (the
# CLI, -j all cores) against the Spark job `./convkit-spark features` at local[1] and local[2]. Prints
# each run's wall time (whole process: JVM, Spark session, listing, decode, HOG, output) and images per
# second, then the ratios local[2]/CLI (target >= 0.6) and local[2]/local[1] (target >= 1.7). On a busy
# machine the CPU seconds (user + system, all threads) are the steadier figure: they say what each image
# costs, whatever share of the cores the run got.
#   bench/spark_features.sh [N]   the first N of the 70,000 images (default all: 60,000 training, then
#                                 10,000 test), as png/<class>/<split>-<index>.png
#   PNGS=DIR bench/spark_features.sh   keeps the PNG folder in DIR (written only if DIR is missing)
#   RUNS=R                         each configuration R times (default 1), the fastest kept
# The machine's other work changes wall times: the load average is printed before and after each run.
set -eu
n=${1:-70000}
runs=${RUNS:-1}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/convkit-spark-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
png=${PNGS:-$work/png}
idx=/usr/share/datasets/fashion-mnist
hog=(--type hog)   # convkit features' HOG defaults, the same words for both

if [ ! -d "$png" ]; then
  echo "writing $n Fashion-MNIST images as PNG class folders in $png ..." >&2
  /usr/bin/python3 - "$idx" "$png" "$n" <<'EOF'
import gzip, os, sys
import cv2
import numpy as np
idx, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
names = ["T-shirt-top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
def read(prefix):
    with gzip.open(f"{idx}/{prefix}-images-idx3-ubyte.gz") as f:
        x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 28, 28)
    with gzip.open(f"{idx}/{prefix}-labels-idx1-ubyte.gz") as f:
        y = np.frombuffer(f.read(), np.uint8, offset=8)
    return x, y
for name in names:
    os.makedirs(os.path.join(out, name), exist_ok=True)
written = 0
for split, prefix in (("train", "train"), ("test", "t10k")):
    x, y = read(prefix)
    for i in range(len(x)):
        if written == n:
            break
        cv2.imwrite(os.path.join(out, names[y[i]], f"{split}-{i:05d}.png"), x[i])
        written += 1
print(f"{written} images", file=sys.stderr)
EOF
fi
count=$(find "$png" -name '*.png' | wc -l)

# builds both launchers' jars outside the timings
"$here/convkit" --version > /dev/null 2>&1
"$here/convkit-spark" --version > /dev/null 2>&1
export CONVKIT_NO_BUILD=1

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')
simd=$(grep -qw avx512f /proc/cpuinfo && echo AVX-512 || (grep -qw avx2 /proc/cpuinfo && echo AVX2 || echo "no AVX2"))
echo "HOG features of $count PNG images; $cpu, $simd, $(nproc) cores; JDK 25; best of $runs run(s)"

load() { cut -d' ' -f1-3 /proc/loadavg; }
# $1 = name; the rest = the command, where OUT stands for a fresh output path; prints the best seconds
best=
bestcpu=
timed() {
  local name=$1; shift
  local i a args t0 t1 s l0
  best=
  for i in $(seq "$runs"); do
    args=()
    for a in "$@"; do args+=("${a//OUT/$work/out-$name-$i}"); done
    l0=$(load)
    t0=$(date +%s%N)
    TIMEFORMAT='%3U %3S'
    { time "${args[@]}" > /dev/null 2> "$work/err"; } 2> "$work/time" || { cat "$work/err" >&2; exit 1; }
    t1=$(date +%s%N)
    s=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", (b - a) / 1e9}')
    c=$(awk '{printf "%.1f", $1 + $2}' "$work/time")
    printf '  %-10s run %d: %7.2f s wall %8.0f images/s, %6.1f CPU s   (load %s -> %s)\n' "$name" "$i" "$s" \
      "$(awk -v c="$count" -v s="$s" 'BEGIN {print c / s}')" "$c" "$l0" "$(load)"
    grep -h 'convkit-spark: wrote' "$work/err" | sed 's/^/      /' || true
    rm -rf "$work/out-$name-$i" "$work/out-$name-$i-errors" "$work/out-$name-$i.npy"
    if [ -z "$best" ] || awk -v a="$s" -v b="$best" 'BEGIN {exit !(a < b)}'; then best=$s; bestcpu=$c; fi
  done
}

timed cli "$here/convkit" features "${hog[@]}" --data "$png" -o OUT.npy -q
cli=$best; clicpu=$bestcpu
timed local1 "$here/convkit-spark" features --master 'local[1]' "${hog[@]}" --data "$png" -o OUT
l1=$best; l1cpu=$bestcpu
timed local2 "$here/convkit-spark" features --master 'local[2]' "${hog[@]}" --data "$png" -o OUT
l2=$best; l2cpu=$bestcpu

awk -v c="$count" -v cli="$cli" -v l1="$l1" -v l2="$l2" -v ccli="$clicpu" -v c1="$l1cpu" -v c2="$l2cpu" 'BEGIN {
  printf "\n%-30s %9s %12s %9s %14s\n", "", "seconds", "images/s", "CPU s", "images/CPU s"
  printf "%-30s %9.2f %12.0f %9.1f %14.0f\n", "convkit features (CLI, -j all)", cli, c / cli, ccli, c / ccli
  printf "%-30s %9.2f %12.0f %9.1f %14.0f\n", "convkit-spark local[1]", l1, c / l1, c1, c / c1
  printf "%-30s %9.2f %12.0f %9.1f %14.0f\n", "convkit-spark local[2]", l2, c / l2, c2, c / c2
  printf "\nlocal[2] / CLI      %.2fx (target >= 0.6)\n", cli / l2
  printf "local[2] / local[1] %.2fx (target >= 1.7)\n", l1 / l2
}'
