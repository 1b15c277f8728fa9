#!/usr/bin/python3
"""Which training recipe `convkit cnn train` should use by default, chosen on held-out data of several
data sets: never on a test split. Each recipe trains the same network on the training split of each set,
holding out a stratified share (`--val`) drawn with the seed; the score is the validation accuracy of the
last epoch, read from the run's `--log` CSV. Prints one line per run, then the mean and sample standard
deviation per recipe and set, and the mean over the sets.

    bench/cnn_recipes.py [--sets digits,fashion3k] [--recipes A,B,..] [--seeds 1,2,3] [--epochs 10] [--threads 1]

Sets (training splits only):
  digits     testdata/digits/train (scikit-learn's 8x8 digits, 1,347 images), --val 0.2; LeNet-5 for 8x8
             (lenet5 with its second convolution 3x3, padding 1: lenet5 needs 12x12 or more)
  fashion3k  a stratified 3,000-image sample of Fashion-MNIST's 60,000 training images (--sample 3000,
             drawn with the seed), --val 0.2; lenet5
  fashion    all of Fashion-MNIST's training images, --val 0.1; lenet5
"""
import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FASHION = "/usr/share/datasets/fashion-mnist"
LENET5_8X8 = "conv(6,5,pad=2) relu maxpool(2) conv(16,3,pad=1) relu maxpool(2) flatten fc(120) relu fc(84) relu fc(10)"

SETS = {
    "digits": (["--data", os.path.join(ROOT, "testdata", "digits"), "--val", "0.2"], LENET5_8X8),
    "fashion3k": (["--data", FASHION, "--sample", "3000", "--val", "0.2"], "lenet5"),
    "fashion": (["--data", FASHION, "--val", "0.1"], "lenet5"),
}

RECIPES = {
    # convkit's default since the first phase: SGD, momentum 0.9, lr 0.05, weight decay 5e-4, cosine, He init
    "sgd-cosine-he": ["--optimizer", "sgd", "--init", "he"],
    "sgd-cosine-torch": ["--optimizer", "sgd", "--init", "torch"],
    # PyTorch's usual recipe: Adam 1e-3, constant, no weight decay, PyTorch's init
    "adam-const-torch": ["--optimizer", "adam", "--lr", "1e-3", "--weight-decay", "0", "--schedule", "none", "--init", "torch"],
    "adam-cosine-he": ["--optimizer", "adam", "--lr", "1e-3", "--weight-decay", "0", "--schedule", "cosine", "--init", "he"],
    "adamw-cosine-he": ["--optimizer", "adamw", "--schedule", "cosine", "--init", "he"],
}


def run(set_name, recipe, seed, epochs, threads, work):
    data_args, arch = SETS[set_name]
    log = os.path.join(work, f"{set_name}-{recipe}-{seed}.csv")
    model = os.path.join(work, f"{set_name}-{recipe}-{seed}.safetensors")
    cmd = [os.path.join(ROOT, "convkit"), "cnn", "train", "-q", "--arch", arch, *data_args, *RECIPES[recipe],
           "--epochs", str(epochs), "--seed", str(seed), "-j", "1", "--threads", str(threads),
           "--log", log, "-o", model, "--overwrite"]
    t0 = time.time()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    with open(log) as f:
        rows = list(csv.DictReader(f))
    return float(rows[-1]["val_accuracy"]), float(rows[-1]["train_loss"]), time.time() - t0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sets", default="digits,fashion3k")
    p.add_argument("--recipes", default=",".join(RECIPES))
    p.add_argument("--seeds", default="1,2,3")
    p.add_argument("--epochs", type=int, default=10)
    p.add_argument("--threads", type=int, default=1)
    a = p.parse_args()
    sets, recipes = a.sets.split(","), a.recipes.split(",")
    seeds = [int(s) for s in a.seeds.split(",")]
    scores = {}
    with tempfile.TemporaryDirectory(prefix="convkit-recipes-") as work:
        for s in sets:
            for r in recipes:
                for seed in seeds:
                    acc, loss, sec = run(s, r, seed, a.epochs, a.threads, work)
                    scores.setdefault((s, r), []).append(acc)
                    print(f"{s:10s} {r:18s} seed {seed}: val {acc:.4f}  last train loss {loss:.4f}  {sec:.0f} s", flush=True)
    print()
    print("| recipe | " + " | ".join(sets) + " | mean over sets |")
    print("| --- | " + " | ".join("---:" for _ in sets) + " | ---: |")
    for r in recipes:
        cells, means = [], []
        for s in sets:
            v = scores[(s, r)]
            sd = statistics.stdev(v) if len(v) > 1 else 0.0
            cells.append(f"{statistics.mean(v):.4f} +- {sd:.4f}")
            means.append(statistics.mean(v))
        print(f"| {r} | " + " | ".join(cells) + f" | {statistics.mean(means):.4f} |")


if __name__ == "__main__":
    sys.exit(main())
