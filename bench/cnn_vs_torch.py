#!/usr/bin/python3
"""LeNet-5 and vgg-small for one epoch on Fashion-MNIST in convkit and in PyTorch, side by side in one
run, with the same hyper-parameters (SGD, lr 0.05, momentum 0.9, weight decay 5e-4, cosine schedule,
batch 64; the same per-channel normalisation and the same architecture, built in PyTorch from the spec
in convkit's model file). Prints training and inference images/s for 1 and 2 threads and the ratios
convkit/PyTorch (above 1: convkit faster).

    bench/cnn_vs_torch.py [--limit N] [--archs lenet5,vgg-small] [--threads 1,2] [--jar cli/target/convkit.jar | --launcher]

convkit runs as `java -jar JAR` (default GC, no AOT cache, the launcher's JIT thread count), or with --launcher through ./convkit as a user
runs it (SerialGC and the launcher's AOT cache; the jar is not rebuilt, the cache is made first if missing).

--limit N uses the first N training images (a quick run; convkit's figures then include more of the
JIT's warm-up, as every convkit figure here comes from a fresh JVM). Training images/s are those of the
epoch itself (convkit's epoch line; PyTorch's loop), without reading the data. Inference runs the same
training images through the trained network in eval mode in batches of 256 (convkit's 'cnn eval'
reports its network time; a 10,000-image pass would be mostly JIT warm-up), and the test accuracy of
both comes from the 10,000 test images."""
import argparse
import gzip
import math
import os
import re
import struct
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "testdata", "cnn"))
import check_torch  # noqa: E402  (spec -> torch.nn.Sequential, safetensors reader)

DATA = "/usr/share/datasets/fashion-mnist"
LR, MOMENTUM, WD, BATCH = 0.05, 0.9, 5e-4, 64


def idx(path):
    with gzip.open(path) if path.endswith(".gz") else open(path, "rb") as f:
        raw = f.read()
    magic = struct.unpack(">I", raw[:4])[0]
    if magic == 2049:
        return np.frombuffer(raw[8:], np.uint8).astype(np.int64)
    n, h, w = struct.unpack(">III", raw[4:16])
    return np.frombuffer(raw[16:], np.uint8).reshape(n, 1, h, w)


def find(name):
    for ext in ("", ".gz"):
        p = os.path.join(DATA, name + ext)
        if os.path.exists(p):
            return p
    raise SystemExit("missing " + name + " in " + DATA)


def java_cmd(jar):
    jdk = subprocess.run(["sh", "-c", ". '%s/bin/find-jdk.sh' && convkit_find_jdk && echo $JAVA_HOME" % ROOT],
                         capture_output=True, text=True).stdout.strip().splitlines()[-1]
    # -XX:CICompilerCount=4 as ./convkit sets it (more JIT threads finish the Vector API kernels sooner)
    return [os.path.join(jdk, "bin", "java"), "--add-modules", "jdk.incubator.vector", "-XX:CICompilerCount=4",
            "-XX:-UsePerfData",
            "-Xlog:disable", "-Xlog:all=off", "-Xmx4g", "-jar", jar]


def convkit(java, arch, threads, limit, work):
    model = os.path.join(work, "%s-%d.safetensors" % (arch, threads))
    args = ["cnn", "train", "--arch", arch, "--data", DATA, "--epochs", "1", "--batch", str(BATCH), "--optimizer", "sgd",
            "--lr", str(LR), "--momentum", str(MOMENTUM), "--weight-decay", str(WD), "--schedule", "cosine",
            "--threads", str(threads), "--seed", "1", "-o", model, "--overwrite"]
    if limit:
        args += ["--limit", str(limit)]
    r = subprocess.run(java + args, capture_output=True, text=True)
    m = re.search(r"epoch 1/1  train loss (\S+)  acc (\S+)\s.*\(([\d.]+) img/s\)", r.stderr)
    if r.returncode != 0 or not m:
        raise SystemExit("convkit train failed:\n" + r.stderr)
    ev = ["cnn", "eval", "--model", model, "--data", DATA, "--split", "train", "--threads", str(threads)]
    if limit:
        ev += ["--limit", str(limit)]
    e = subprocess.run(java + ev, capture_output=True, text=True)
    mi = re.search(r"the network: ([\d.]+) images/s", e.stderr)
    t = subprocess.run(java + ["cnn", "eval", "--model", model, "--data", DATA, "--split", "test", "--threads", str(threads)],
                       capture_output=True, text=True)
    acc = re.search(r"accuracy: (\S+)", t.stdout)
    if e.returncode != 0 or t.returncode != 0 or not mi or not acc:
        raise SystemExit("convkit eval failed:\n" + e.stderr + t.stderr)
    return float(m.group(3)), float(mi.group(1)), float(m.group(1)), float(acc.group(1)), model


def pytorch(spec, shape, threads, train_x, train_y, test_x, test_y):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model = check_torch.build(spec, shape)
    opt = torch.optim.SGD(model.parameters(), lr=LR, momentum=MOMENTUM, weight_decay=WD)
    n = len(train_x)
    steps = n // BATCH + (1 if n % BATCH > 1 else 0)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, steps)
    loss_fn = torch.nn.CrossEntropyLoss()
    model.train()
    perm = torch.randperm(n)
    t0 = time.perf_counter()
    total = 0.0
    for b in range(steps):
        i = perm[b * BATCH:(b + 1) * BATCH]
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(model(train_x[i]), train_y[i])
        loss.backward()
        opt.step()
        sched.step()
        total += loss.item() * len(i)
    train_rate = n / (time.perf_counter() - t0)
    model.eval()
    t0 = time.perf_counter()
    with torch.no_grad():
        for b in range(0, n, 256):
            model(train_x[b:b + 256])
    infer_rate = n / (time.perf_counter() - t0)
    correct = 0
    with torch.no_grad():
        for b in range(0, len(test_x), 256):
            correct += (model(test_x[b:b + 256]).argmax(1) == test_y[b:b + 256]).sum().item()
    return train_rate, infer_rate, total / n, correct / len(test_x)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--archs", default="lenet5,vgg-small")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--jar", default=os.path.join(ROOT, "cli", "target", "convkit.jar"))
    ap.add_argument("--launcher", action="store_true", help="run convkit through ./convkit (its jar and AOT cache)")
    a = ap.parse_args()
    if a.launcher:
        os.environ.update(CONVKIT_NO_BUILD="1", CONVKIT_JAVA_OPTS="-Xmx4g")
        java = [os.path.join(ROOT, "convkit")]
        subprocess.run(java + ["--version"], capture_output=True)  # makes the AOT cache, if missing, before any timing
        a.jar = "./convkit (%s)" % os.path.join(ROOT, "cli", "target", "convkit.jar")
    else:
        java = java_cmd(a.jar)
    tx, ty = idx(find("train-images-idx3-ubyte")), idx(find("train-labels-idx1-ubyte"))
    vx, vy = idx(find("t10k-images-idx3-ubyte")), idx(find("t10k-labels-idx1-ubyte"))
    if a.limit:
        tx, ty = tx[:a.limit], ty[:a.limit]
    print("Fashion-MNIST: %d training, %d test images; batch %d, SGD lr %g momentum %g wd %g, cosine; load %s"
          % (len(tx), len(vx), BATCH, LR, MOMENTUM, WD, " ".join(open("/proc/loadavg").read().split()[:3])))
    print("torch %s; convkit %s" % (torch.__version__, a.jar))
    print("%-10s %3s  %12s %12s %6s   %12s %12s %6s   %s" % ("arch", "thr", "train conv.", "train torch", "ratio",
                                                           "infer conv.", "infer torch", "ratio", "test acc convkit / torch"))
    with tempfile.TemporaryDirectory() as work:
        for arch in a.archs.split(","):
            for threads in [int(t) for t in a.threads.split(",")]:
                ct, ci, closs, cacc, model = convkit(java, arch, threads, a.limit, work)
                _, meta = check_torch.read_safetensors(model)
                mean = np.array(eval(meta["normalization.mean"]), np.float32)
                std = np.array(eval(meta["normalization.std"]), np.float32)
                norm = lambda x: torch.from_numpy(((x.astype(np.float32) / 255 - mean[:, None, None]) / std[:, None, None]).astype(np.float32))
                shape = check_torch.input_shape(meta)
                pt, pi, ploss, pacc = pytorch(meta["arch"], shape, threads, norm(tx), torch.from_numpy(ty), norm(vx), torch.from_numpy(vy))
                print("%-10s %3d  %12.0f %12.0f %6.2f   %12.0f %12.0f %6.2f   %.4f / %.4f" % (arch, threads, ct, pt, ct / pt, ci, pi, ci / pi, cacc, pacc),
                      flush=True)
    print("(images/s; ratio = convkit / PyTorch; load after: %s)" % " ".join(open("/proc/loadavg").read().split()[:3]))


if __name__ == "__main__":
    main()
