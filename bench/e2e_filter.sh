#!/usr/bin/env bash
# End-to-end filtering speed (issue 2): 200 real 512x512 PNGs (gray and colour) through one 5x5
# kernel, side by side in one run:
#   convkit filter          (./convkit, all cores)
#   ImageMagick mogrify -morphology Convolve (in place, on a copy of the folder; its OpenMP threads)
#   a Python loop of cv2.imread / cv2.filter2D / cv2.imwrite (Debian's /usr/bin/python3, one thread)
# Prints the three wall times and the ratios. Usage: bench/e2e_filter.sh [N_IMAGES]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-200}
py=/usr/bin/python3
work=$(mktemp -d "${TMPDIR:-/tmp}/convkit-e2e.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The 5x5 kernel (a Laplacian-of-Gaussian sharpen, sum 1, not separable, symmetric: convolution and
# correlation agree, so all three tools compute the same thing).
kernel="0 0 -1 0 0; 0 -1 -2 -1 0; -1 -2 17 -2 -1; 0 -1 -2 -1 0; 0 0 -1 0 0"

echo "making $n real 512x512 PNGs in $work/in ..."
"$py" - "$work/in" "$n" "$root/testdata/images" <<'PY'
import os, sys, glob
import cv2, numpy as np
out, n, testdata = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(out)
skdata = "/usr/lib/python3/dist-packages/skimage/data"
names = ["astronaut.png", "camera.png", "chelsea.png", "coffee.png", "coins.png", "moon.png", "page.png",
         "text.png", "horse.png", "brick.png", "grass.png", "gravel.png", "rocket.jpg", "motorcycle_left.png",
         "hubble_deep_field.jpg", "ihc.png", "color.png", "microaneurysms.png", "retina.jpg", "logo.png"]
sources = [os.path.join(skdata, s) for s in names if os.path.exists(os.path.join(skdata, s))]
sources += sorted(glob.glob(os.path.join(testdata, "*.png")) + glob.glob(os.path.join(testdata, "*.jpg")))
imgs = []
for s in sources:
    im = cv2.imread(s, cv2.IMREAD_COLOR)
    if im is not None and min(im.shape[:2]) >= 64:
        imgs.append(im)
rng = np.random.default_rng(2)
for i in range(n):
    im = imgs[i % len(imgs)]
    h, w = im.shape[:2]
    scale = rng.uniform(0.8, 2.5) * 512 / min(h, w)           # scale up or down, then crop 512x512
    im2 = cv2.resize(im, (max(512, int(w * scale)), max(512, int(h * scale))), interpolation=cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC)
    k = int(rng.integers(0, 4))
    im2 = np.ascontiguousarray(np.rot90(im2, k))
    y = int(rng.integers(0, im2.shape[0] - 511)); x = int(rng.integers(0, im2.shape[1] - 511))
    crop = im2[y:y + 512, x:x + 512]
    if i % 2 == 0:
        crop = cv2.cvtColor(crop, cv2.COLOR_BGR2GRAY)
    cv2.imwrite(os.path.join(out, "img%03d.png" % i), crop)
PY
du -sh "$work/in" | sed 's/^/  /'
cp -r "$work/in" "$work/magick"
printf '%s\n' "${kernel//; /$'\n'}" > "$work/k5.txt"

"$root/convkit" --version >/dev/null 2>&1   # build and start-up cache first, outside the timing
export CONVKIT_NO_BUILD=1                     # others may be editing sources: time the jar just built

now() { date +%s.%N; }
t0=$(now)
"$root/convkit" filter -q -k "custom:@$work/k5.txt" --correlate "$work/in" -o "$work/convkit"

t1=$(now)
mogrify -morphology Convolve "5x5: ${kernel//;/}" "$work/magick"/*.png
t2=$(now)
"$py" - "$work/in" "$work/opencv" "$kernel" <<'PY'
import os, sys
import cv2, numpy as np
src, dst, spec = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(dst)
k = np.array([[float(v) for v in row.split()] for row in spec.split(";")], np.float32)
for name in sorted(os.listdir(src)):
    img = cv2.imread(os.path.join(src, name), cv2.IMREAD_UNCHANGED)
    cv2.imwrite(os.path.join(dst, name), cv2.filter2D(img, -1, k))
PY
t3=$(now)

count() { find "$1" -name '*.png' | wc -l; }
[ "$(count "$work/convkit")" -eq "$n" ] && [ "$(count "$work/opencv")" -eq "$n" ] || { echo "missing outputs" >&2; exit 1; }
# Same kernel, same pixels: convkit and OpenCV (both BORDER_REFLECT_101, round to nearest) must agree.
"$py" - "$work/convkit" "$work/opencv" <<'PY'
import os, sys, cv2, numpy as np
a, b = sys.argv[1], sys.argv[2]
worst = 0
for name in sorted(os.listdir(b))[:20]:
    x = cv2.imread(os.path.join(a, name), cv2.IMREAD_UNCHANGED).astype(int)
    y = cv2.imread(os.path.join(b, name), cv2.IMREAD_UNCHANGED).astype(int)
    worst = max(worst, int(np.abs(x - y).max()))
print("  check: convkit vs OpenCV outputs, largest difference on 20 images: %d grey level(s)" % worst)
PY

CORES=$(nproc) awk -v c="$(echo "$t1 - $t0" | bc)" -v m="$(echo "$t2 - $t1" | bc)" -v o="$(echo "$t3 - $t2" | bc)" -v n="$n" 'BEGIN {
  printf "%d PNGs 512x512, 5x5 kernel, %s cores\n", n, ENVIRON["CORES"];
  printf "  convkit filter          %6.2f s\n", c;
  printf "  mogrify -morphology     %6.2f s   (convkit %.1fx faster)\n", m, m / c;
  printf "  python cv2 loop         %6.2f s   (convkit %.1fx faster)\n", o, o / c;
}'

# Where convkit's time goes (a second run, -v prints decode / filter / encode thread-seconds).
"$root/convkit" filter -v -k "custom:@$work/k5.txt" --correlate "$work/in" -o "$work/convkit2" 2>&1 | grep -E "files in|decode" | sed 's/^/  /'
