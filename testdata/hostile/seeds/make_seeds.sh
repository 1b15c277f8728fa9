#!/usr/bin/env bash
# Real model files, written by convkit itself on the Fashion-MNIST sample, that DecoderPropertiesTest
# and bench/fuzz_decoders.sh damage at random. Run from anywhere; rewrites the files beside this script.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../../.."
data="$root/testdata/fashion-mnist-sample"
ck() { "$root/convkit" "$@" -q --overwrite; }
ck cnn train --arch "conv(4,3) relu maxpool(2) flatten fc(10)" --data "$data" --limit 200 --epochs 1 -o "$here/cnn-conv.safetensors"
ck cnn train --arch "conv(4,3,pad=1) bn relu maxpool(2) flatten dropout(0.5) fc(10)" --data "$data" --limit 200 --epochs 1 -o "$here/cnn-bn.safetensors"
ck baseline train --features pixels --data "$data" --limit 200 -o "$here/baseline-pixels.safetensors"
ck baseline train --features hog --cell 14 --kernel-map chi2 --landmarks 20 --data "$data" --limit 200 -o "$here/baseline-hog-chi2.safetensors"
ls -l "$here"
