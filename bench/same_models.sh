#!/usr/bin/env bash
# Do a refactoring's model files and outputs stay byte-identical? Builds git revision REV in a temporary
# worktree (its own target directories; nothing is installed into ~/.m2) and the current tree, and with
# both: trains the same small models on the Fashion-MNIST sample (fixed seed, one thread), writes the same
# feature files (features: npz, npy, svmlight, csv; hog and gist: txt, csv, npy), filtered images (output
# formats chosen from the inputs') and predictions (cnn predict on a data set, as JSON with the logits, and
# on 8-bit, 16-bit and RGB images of another size, which it converts). Compares each file byte for byte,
# printing SAME or DIFFERENT per file. Exit code 0 when all are the same, 1 if not.
# A file whose bytes differ is looked into: an .npz is SAME ENTRIES (which counts as the same) when its
# entries' names and bytes are, as its zip records the time each entry was written; a safetensors file is
# SAME TENSORS when every tensor (name, order, bytes) is as before and only metadata changed, listed as
# +added -removed ~changed entries. Across the change that gave CNN files the model-file envelope (CNN
# format 2), the CNN files are SAME TENSORS with ~convkit.format_version, +convkit.crc32,
# +input.width/height/channels and -input.shape, and the baseline file is SAME.
#   bench/same_models.sh REV          for example bench/same_models.sh main
#   KEEP=1 bench/same_models.sh REV   keeps the work folder (the models of both builds) for a look
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: bench/same_models.sh REV" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
rev=$(git -C "$root" rev-parse --verify "$1^{commit}")
. "$root/bin/find-jdk.sh"
convkit_find_jdk

work=$(mktemp -d "${TMPDIR:-/tmp}/convkit-same.XXXXXX")
cleanup() {
  git -C "$root" worktree remove --force "$work/rev" 2>/dev/null || true
  if [ -z "${KEEP:-}" ]; then rm -rf "$work"; else echo "kept $work" >&2; fi
}
trap cleanup EXIT

build() { # $1 = a source tree; builds cli/target/convkit.jar there, tests skipped
  echo "building $1 ..." >&2
  (cd "$1" && ./mvnw -B -q -Dmaven.test.skip=true -pl cli -am package >&2)
}

git -C "$root" worktree add --detach "$work/rev" "$rev" >/dev/null 2>&1
build "$work/rev"
build "$root"

data="$root/testdata/fashion-mnist-sample"
# the same models with each build: a few hundred images, two epochs, one thread, a fixed seed
train() { # $1 = jar, $2 = output folder
  local jar=$1 out=$2
  mkdir -p "$out"
  run() { "$JAVA_HOME/bin/java" --add-modules jdk.incubator.vector -Xlog:disable -Xlog:all=off -jar "$jar" "$@" 2>>"$out/stderr.txt"; }
  run cnn train -q --arch lenet5 --data "$data" --limit 384 --epochs 2 --seed 7 --threads 1 -j 1 \
      -o "$out/lenet5.safetensors"
  run cnn train -q --arch lenet5 --data "$data" --limit 384 --epochs 2 --seed 3 --threads 1 -j 1 \
      --val 0.25 --augment flip,crop,translate --optimizer adamw --schedule onecycle --label-smoothing 0.1 \
      -o "$out/lenet5-augment-val.safetensors"
  run cnn train -q --arch "conv(8,3,pad=1) bn relu maxpool(2) flatten dropout(0.2) fc(10)" --data "$data" --limit 300 \
      --epochs 2 --batch 32 --seed 5 --threads 1 -j 1 --optimizer adam --schedule step --init torch \
      -o "$out/tiny-bn-dropout.safetensors"
  run baseline train -q --features hog --C 0.01 --data "$data" --limit 384 --seed 7 -j 1 \
      -o "$out/baseline-hog.cvb"
  # feature files and predictions, the outputs the commands write besides models
  for f in npz npy svmlight csv; do
    run features -q --type hog --data "$data" --limit 300 -j 2 -f "$f" -o "$out/features-hog.$f"
  done
  run features -q --type gist --data "$data" --split test --limit 40 -j 1 -o "$out/features-gist.npz"
  local images=("$root/testdata/images/camera-crop.png" "$root/testdata/images/moon-crop-16bit.png") # one size: one matrix
  for f in txt csv npy; do
    run hog -q -f "$f" -o "$out/hog.$f" "${images[@]}"
    run gist -q -f "$f" -o "$out/gist.$f" "${images[@]}"
  done
  # filter, each output format chosen from its input's (16-bit PNG, RGB PNG, JPEG; TIFF for float)
  run filter -q -k gaussian:1.5 -o "$out/filter" "${images[@]}" "$root/testdata/images/chelsea-crop.png" \
      "$root/testdata/images/chelsea.jpg"
  run filter -q -k sobel-x --depth float -o "$out/filter-float" "$root/testdata/images/chelsea.jpg"
  for x in "$out"/filter*/*; do mv "$x" "$out/$(basename "$(dirname "$x")")-${x##*/}"; done
  rmdir "$out"/filter*/
  run cnn predict -q -m "$out/lenet5.safetensors" --data "$data" --limit 64 --top 3 --format json --logits --threads 1 \
      >"$out/predict-cnn.json"
  run cnn predict -q -m "$out/lenet5.safetensors" --top 2 --threads 1 "${images[@]}" \
      "$root/testdata/images/chelsea-crop.png" >"$out/predict-cnn-images.tsv"
}
echo "training with $rev ..." >&2
train "$work/rev/cli/target/convkit.jar" "$work/before"
echo "training with the current tree ..." >&2
train "$root/cli/target/convkit.jar" "$work/after"

status=0
for f in "$work/before"/*; do
  [ "${f##*/}" = stderr.txt ] && continue
  name=${f##*/}
  if cmp -s "$f" "$work/after/$name"; then
    echo "SAME       $name"
  else
    /usr/bin/python3 - "$f" "$work/after/$name" <<'PY' || status=1
import json, struct, sys, zipfile

def read(path):
    with open(path, "rb") as f:
        b = f.read()
    n = struct.unpack("<Q", b[:8])[0]
    header = json.loads(b[8:8 + n])
    meta = header.pop("__metadata__", {})
    data = b[8 + n:]
    tensors = [(k, v["dtype"], v["shape"], data[v["data_offsets"][0]:v["data_offsets"][1]]) for k, v in header.items()]
    return tensors, meta

name = sys.argv[2].rsplit("/", 1)[-1]
if all(zipfile.is_zipfile(p) for p in sys.argv[1:3]):  # .npz: the entries carry the time they were written
    def entries(path):
        with zipfile.ZipFile(path) as z:
            return [(i.filename, z.read(i)) for i in z.infolist()]
    same = entries(sys.argv[1]) == entries(sys.argv[2])
    print("%s  %s" % ("SAME ENTRIES" if same else "DIFFERENT", name) + (" (only the zip's times differ)" if same else ""))
    sys.exit(0 if same else 1)
try:
    (t0, m0), (t1, m1) = read(sys.argv[1]), read(sys.argv[2])
except Exception as e:  # not safetensors on one side: nothing more to say
    print("DIFFERENT  %s" % name)
    sys.exit(1)
if t0 != t1:
    print("DIFFERENT  %s (its tensors)" % name)
else:
    changes = ["+" + k for k in m1 if k not in m0] + ["-" + k for k in m0 if k not in m1] \
        + ["~" + k for k in m0 if k in m1 and m0[k] != m1[k]]
    print("SAME TENSORS  %s (metadata: %s)" % (name, " ".join(changes) or "the same entries in another order"))
sys.exit(1)
PY
  fi
done
exit $status
