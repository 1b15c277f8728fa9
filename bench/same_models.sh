#!/usr/bin/env bash
# Do a refactoring's model files stay byte-identical? Builds git revision REV in a temporary worktree
# (its own target directories; nothing is installed into ~/.m2) and the current tree, trains the same
# small models with both on the Fashion-MNIST sample (fixed seed, one thread) and compares each model
# file byte for byte, printing SAME or DIFFERENT per file. Exit code 0 when all are the same, 1 if not.
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
}
echo "training with $rev ..." >&2
train "$work/rev/cli/target/convkit.jar" "$work/before"
echo "training with the current tree ..." >&2
train "$root/cli/target/convkit.jar" "$work/after"

status=0
for f in "$work/before"/*.safetensors "$work/before"/*.cvb; do
  name=${f##*/}
  if cmp -s "$f" "$work/after/$name"; then
    echo "SAME       $name"
  else
    echo "DIFFERENT  $name"
    status=1
  fi
done
exit $status
