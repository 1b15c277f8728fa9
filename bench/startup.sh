#!/usr/bin/env bash
# Whole-process start-up of convkit through its launcher: `--version`, `filter` of one small PNG and
# `hog` of one image, each run RUNS times (default 7); prints the median and fastest wall time, the
# median CPU time (user + system, all threads), and the classes one run loads: in all, not from the
# AOT cache, and Jackson's.
#   bench/startup.sh [RUNS]
#   CONVKIT=/path/to/convkit bench/startup.sh   times another checkout's launcher on this one's images
# Wall times depend on what else runs: the load average is printed before and after; on a busy machine
# the class counts and CPU times are the steadier figures.
set -eu
runs=${1:-7}
here=$(cd "$(dirname "$0")/.." && pwd)
convkit=${CONVKIT:-$here/convkit}
png=$here/testdata/images/camera-crop.png   # 80 x 64, 8-bit grey
work=$(mktemp -d "${TMPDIR:-/tmp}/convkit-startup.XXXXXX")
trap 'rm -rf "$work"' EXIT

"$convkit" --version > /dev/null 2>&1   # builds the jar and the AOT cache if needed, outside the timings
export CONVKIT_NO_BUILD=1

vector_width() {
  if grep -qw avx512f /proc/cpuinfo; then echo "AVX-512 (512-bit vectors)"
  elif grep -qw avx2 /proc/cpuinfo; then echo "AVX2 (256-bit vectors)"
  else echo "no AVX2"; fi
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# $1 = case name; the rest = convkit's arguments, where OUT stands for a fresh output folder per run
bench() {
  local name=$1; shift
  : > "$work/wall"; : > "$work/cpu"
  local i args a
  for i in $(seq "$runs"); do
    args=()
    for a in "$@"; do args+=("${a//OUT/$work/out-$name-$i}"); done
    local t0 t1
    t0=$(date +%s%N)
    TIMEFORMAT='%3U %3S'
    { time "$convkit" "${args[@]}" > /dev/null 2> "$work/err"; } 2> "$work/time" || { cat "$work/err" >&2; exit 1; }
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 )) >> "$work/wall"
    awk '{printf "%d\n", ($1 + $2) * 1000}' "$work/time" >> "$work/cpu"
  done
  args=()
  for a in "$@"; do args+=("${a//OUT/$work/out-$name-log}"); done
  CONVKIT_JAVA_OPTS="-Xlog:class+load=info:file=$work/classes" "$convkit" "${args[@]}" > /dev/null 2>&1
  printf '%-10s %8s %8s %8s %8s %8s %8s\n' "$name" "$(median < "$work/wall")" "$(sort -n "$work/wall" | head -1)" \
    "$(median < "$work/cpu")" "$(wc -l < "$work/classes")" "$(grep -vc 'source: shared objects file' "$work/classes")" \
    "$(grep -c 'com\.fasterxml\.jackson' "$work/classes" || true)"
}

echo "convkit start-up, $(date -u +%Y-%m-%d), $runs runs per case, launcher $convkit"
echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(vector_width); load average $(cut -d' ' -f1-3 /proc/loadavg) before"
printf '%-10s %8s %8s %8s %8s %8s %8s\n' case "wall-med" "wall-min" "cpu-med" classes "no-cache" jackson
printf '%-10s %8s %8s %8s %8s %8s %8s\n' "" ms ms ms "" "" ""
bench version --version
bench filter filter -k box:3 "$png" -o OUT
bench hog hog "$png"
echo "load average $(cut -d' ' -f1-3 /proc/loadavg) after"
