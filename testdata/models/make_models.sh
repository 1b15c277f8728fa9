#!/usr/bin/env bash
# Trains the small model files of this folder with the convkit given as $1 (a launcher such as ./convkit, or
# "java -jar some/convkit.jar") and records what that build predicts with them, so that a later build can be
# checked to load each file and give the same scores. Run from the repository root:
#   testdata/models/make_models.sh ./convkit baseline-v3 cnn-v1
# Each NAME is one of the recipes below; the format version in its name is what that build writes.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: testdata/models/make_models.sh LAUNCHER NAME..." >&2; exit 2; }
read -r -a convkit <<< "$1"
shift
data=testdata/fashion-mnist-sample
here=testdata/models
images=("$here"/images/*.png)

baseline() { # $1 = name, then the options of that version; HOG of 7-pixel cells, 9 orientations, a chi2 map
  local name=$1
  shift
  rm -f "$here/$name.cvb"
  "${convkit[@]}" baseline train -q --features hog --cell 7 --orientations 9 --kernel-map chi2 "$@" \
      --C 0.1 --data "$data" --sample 300 --seed 7 -j 1 -o "$here/$name.cvb"
  "${convkit[@]}" baseline predict -q -m "$here/$name.cvb" --top 10 -j 1 "${images[@]}" > "$here/$name.predict.tsv"
  "${convkit[@]}" baseline eval -q -m "$here/$name.cvb" --data "$data" --split test --limit 200 -j 1 --json \
      > "$here/$name.eval.json"
}

cnn() { # $1 = name; one 3x3 convolution of 4 channels, BatchNorm, pooling and a linear layer, one epoch: about 33 KB
  rm -f "$here/$1.safetensors"
  "${convkit[@]}" cnn train -q --arch "conv(4,3,pad=1) bn relu maxpool(2) flatten fc(10)" --data "$data" --limit 300 \
      --epochs 1 --seed 7 --threads 1 -j 1 -o "$here/$1.safetensors"
  "${convkit[@]}" cnn predict -q -m "$here/$1.safetensors" --format json --logits --top 10 -j 1 --threads 1 "${images[@]}" \
      > "$here/$1.predict.json"
  "${convkit[@]}" cnn eval -q -m "$here/$1.safetensors" --data "$data" --split test --limit 200 -j 1 --threads 1 --json \
      > "$here/$1.eval.json"
}

for name in "$@"; do
  case $name in
    # signed HOG became the default in version 3; version 2 added the intensity part and landmarks
    baseline-v3) baseline "$name" --no-signed --intensity 7 --landmarks 4 ;;
    baseline-v2) baseline "$name" --intensity 7 --landmarks 4 ;;
    baseline-v1) baseline "$name" ;;
    cnn-*) cnn "$name" ;;
    *) echo "unknown model name $name (baseline-v1, -v2, -v3 or cnn-*)" >&2; exit 2 ;;
  esac
done
