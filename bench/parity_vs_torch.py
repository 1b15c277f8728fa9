#!/usr/bin/python3
"""Accuracy parity with PyTorch: the same network trained with the same recipe in convkit and in
PyTorch, over several seeds on two data sets; prints the test accuracy of every run, and the mean and
spread (sample standard deviation) of each side.

    bench/parity_vs_torch.py [--seeds 1,2,3] [--epochs 10] [--sets fashion,digits] [--threads 1] [--convkit-init torch]
                             [--convkit-recipe pytorch|defaults]

With `--convkit-recipe defaults` convkit trains with its own defaults (only --arch, --data, --epochs,
--seed given) while PyTorch keeps the recipe below: whether convkit's defaults do as well as PyTorch's
usual recipe on the same network.

Recipe (PyTorch's usual one): Adam lr 1e-3 (betas 0.9/0.999, eps 1e-8), no weight decay, constant
learning rate, batch 64, no augmentation, mean cross-entropy, inputs scaled to [0, 1] and normalised
with the training set's per-channel mean and (population) standard deviation, which is what convkit
does; PyTorch's default initialisation on its side, `--init torch` on convkit's (--convkit-init to
change). Each epoch visits the training set in a new random order with every batch full but the last
(convkit drops a last batch of one image, PyTorch's DataLoader keeps it; neither data set here has one).
The orders differ between the two sides: only the recipe is shared.

convkit runs as a user would: `./convkit cnn train ... -o MODEL` then `./convkit cnn eval --model MODEL
--split test`, with `-j 1 --threads N`; PyTorch with `torch.set_num_threads(N)`. Beside the test accuracies, the training loss
of the last epoch (mean over its batches, as convkit's --log writes it) tells a slower optimisation
apart from a difference in generalisation.

Data sets:
  fashion  testdata/fashion-mnist-sample (3,000 training, 1,000 test 28x28 images), lenet5
  digits   testdata/digits (scikit-learn's 8x8 digits, 1,347 / 450), LeNet-5 for 8x8: lenet5 needs at
           least 12x12 (its unpadded 5x5 convolution), so the second convolution is 3x3 with padding 1,
           everything else as lenet5
"""
import argparse
import gzip
import json
import os
import re
import statistics
import struct
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "testdata", "cnn"))
import check_torch  # noqa: E402  (spec -> torch.nn.Sequential, as convkit builds it)

LENET5 = "conv(6,5,pad=2) relu maxpool(2) conv(16,5) relu maxpool(2) flatten fc(120) relu fc(84) relu fc(10)"
LENET5_8X8 = "conv(6,5,pad=2) relu maxpool(2) conv(16,3,pad=1) relu maxpool(2) flatten fc(120) relu fc(84) relu fc(10)"
SETS = {
    "fashion": (os.path.join(ROOT, "testdata", "fashion-mnist-sample"), "lenet5", LENET5),
    "digits": (os.path.join(ROOT, "testdata", "digits"), LENET5_8X8, LENET5_8X8),
}
LR, BATCH = 1e-3, 64


def read_idx(folder, prefix):
    with gzip.open(os.path.join(folder, prefix + "-images-idx3-ubyte.gz")) as f:
        raw = f.read()
    n, h, w = struct.unpack(">III", raw[4:16])
    x = np.frombuffer(raw[16:], np.uint8).reshape(n, 1, h, w)
    with gzip.open(os.path.join(folder, prefix + "-labels-idx1-ubyte.gz")) as f:
        y = np.frombuffer(f.read()[8:], np.uint8).astype(np.int64)
    return x, y


def read_tree(folder):
    """root/<class>/*.png, classes and files sorted by name (convkit's and torchvision's ImageFolder order)."""
    xs, ys = [], []
    for c, name in enumerate(sorted(d for d in os.listdir(folder) if not d.startswith("."))):
        for f in sorted(os.listdir(os.path.join(folder, name))):
            xs.append(np.asarray(Image.open(os.path.join(folder, name, f)).convert("L"))[None])
            ys.append(c)
    return np.stack(xs), np.array(ys, np.int64)


def load(name):
    folder = SETS[name][0]
    if name == "fashion":
        return read_idx(folder, "train") + read_idx(folder, "t10k")
    return read_tree(os.path.join(folder, "train")) + read_tree(os.path.join(folder, "test"))


def normalise(train, test):
    """As convkit's cnn train: [0, 1], then the training set's per-channel mean and population std."""
    tr = train.astype(np.float64) / 255
    mean = tr.mean(axis=(0, 2, 3)).astype(np.float32)
    std = np.maximum(tr.std(axis=(0, 2, 3)), 1e-6).astype(np.float32)
    f = lambda x: torch.from_numpy(((x.astype(np.float32) / 255 - mean[:, None, None]) / std[:, None, None]).astype(np.float32))
    return f(train), f(test), mean, std


def convkit(name, seed, epochs, threads, init, recipe, work, mean, std):
    folder, arch, _ = SETS[name]
    model = os.path.join(work, "%s-%d.safetensors" % (name, seed))
    log = os.path.join(work, "%s-%d.csv" % (name, seed))
    train = ["./convkit", "cnn", "train", "-q", "-j", "1", "--threads", str(threads), "--arch", arch, "--data", folder,
             "--epochs", str(epochs), "--seed", str(seed), "--log", log, "-o", model, "--overwrite"]
    if recipe == "pytorch":
        train += ["--batch", str(BATCH), "--optimizer", "adam", "--lr", str(LR), "--weight-decay", "0",
                  "--schedule", "none", "--augment", "none", "--init", init]
    r = subprocess.run(train, cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit("convkit train failed: " + " ".join(train) + "\n" + r.stderr)
    ev = ["./convkit", "cnn", "eval", "-j", "1", "--threads", str(threads), "--model", model, "--data", folder, "--split", "test"]
    e = subprocess.run(ev, cwd=ROOT, capture_output=True, text=True)
    m = re.search(r"accuracy: (\S+)", e.stdout)
    if e.returncode != 0 or not m:
        raise SystemExit("convkit eval failed: " + " ".join(ev) + "\n" + e.stderr)
    _, meta = check_torch.read_safetensors(model)
    for ours, key in ((mean, "normalization.mean"), (std, "normalization.std")):
        if not np.allclose(ours, json.loads(meta[key]), rtol=1e-6, atol=0):
            raise SystemExit("convkit normalised with %s %s, this script with %s" % (key, meta[key], ours))
    with open(log) as f:
        last = f.read().strip().splitlines()[-1].split(",")
    return float(m.group(1)), float(last[1])


def pytorch(name, seed, epochs, data):
    (tx, ty, vx, vy), spec = data, SETS[name][2]
    torch.manual_seed(seed)
    model = check_torch.build(spec, list(tx.shape[1:]))  # PyTorch's default initialisation
    opt = torch.optim.Adam(model.parameters(), lr=LR)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = len(tx)
    for _ in range(epochs):
        model.train()
        perm = torch.randperm(n)
        total = 0.0
        for b in range(0, n, BATCH):
            i = perm[b:b + BATCH]
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(tx[i]), ty[i])
            loss.backward()
            opt.step()
            total += loss.item() * len(i)
    model.eval()
    with torch.no_grad():
        correct = sum((model(vx[b:b + 256]).argmax(1) == vy[b:b + 256]).sum().item() for b in range(0, len(vx), 256))
    return correct / len(vx), total / n


def summary(accs):
    return statistics.mean(accs), statistics.stdev(accs) if len(accs) > 1 else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--sets", default="fashion,digits")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--convkit-init", default="torch")
    ap.add_argument("--convkit-recipe", default="pytorch", choices=["pytorch", "defaults"])
    a = ap.parse_args()
    seeds = [int(s) for s in a.seeds.split(",")]
    torch.set_num_threads(a.threads)
    subprocess.run(["./convkit", "--version"], cwd=ROOT, capture_output=True)  # builds the jar first if the sources changed
    ours = "convkit --init %s" % a.convkit_init if a.convkit_recipe == "pytorch" else "convkit with its default recipe"
    print("Adam lr %g, batch %d, %d epochs, constant lr, no decay, no augmentation; %d thread(s); %s;"
          " torch %s; load %s" % (LR, BATCH, a.epochs, a.threads, ours, torch.__version__,
                                  " ".join(open("/proc/loadavg").read().split()[:3])))
    with tempfile.TemporaryDirectory() as work:
        for name in a.sets.split(","):
            tx, ty, vx, vy = load(name)
            ntx, nvx, mean, std = normalise(tx, vx)
            data = (ntx, torch.from_numpy(ty), nvx, torch.from_numpy(vy))
            print("\n%s: %d training, %d test images %s; arch %s" % (name, len(tx), len(vx), "x".join(map(str, tx.shape[1:])),
                                                                  SETS[name][1]))
            print("%6s  %8s  %8s   %10s %10s  %7s %7s" % ("seed", "convkit", "PyTorch", "loss conv.", "loss torch", "conv. s", "torch s"))
            ck, pt, cl, pl = [], [], [], []
            for s in seeds:
                t0 = time.perf_counter()
                acc, loss = convkit(name, s, a.epochs, a.threads, a.convkit_init, a.convkit_recipe, work, mean, std)
                ck.append(acc)
                cl.append(loss)
                t1 = time.perf_counter()
                acc, loss = pytorch(name, s, a.epochs, data)
                pt.append(acc)
                pl.append(loss)
                t2 = time.perf_counter()
                print("%6d  %8.4f  %8.4f   %10.4f %10.4f  %7.1f %7.1f" % (s, ck[-1], pt[-1], cl[-1], pl[-1], t1 - t0, t2 - t1), flush=True)
            (cm, cs), (pm, ps) = summary(ck), summary(pt)
            print("%6s  %8.4f  %8.4f   %10.4f %10.4f" % ("mean", cm, pm, statistics.mean(cl), statistics.mean(pl)))
            print("%6s  %8.4f  %8.4f   %10.4f %10.4f" % ("std", cs, ps, summary(cl)[1], summary(pl)[1]))
            verdict = "within" if abs(cm - pm) <= ps else "NOT within"
            print("convkit's mean - PyTorch's: %+.4f (%s one PyTorch spread)" % (cm - pm, verdict))
    print("\nload after: %s" % " ".join(open("/proc/loadavg").read().split()[:3]))


if __name__ == "__main__":
    main()
