#!/usr/bin/python3
"""PyTorch references for convkit's cnn engine (run with Debian's python3-torch 1.13).

Each net is built both here and, from the same spec, in Java (CnnTorchReferenceTest). For a batch of
real Fashion-MNIST images (or a fixed random batch for the colour nets) we store, as float32 in one
.npz (a zip of .npy files):
  spec, x, labels        the spec string (as bytes), the input batch and its labels
  state.<name>           the initial state_dict (BatchNorm statistics randomised to be non-trivial)
  logits, loss, grad.<name>   training-mode forward, cross-entropy with label smoothing 0.1, backward
  after.<name>           the state after that forward (running statistics updated)
  eval_logits            evaluation-mode logits after it
  <opt>.<name>           parameters after 3 training steps on the batch with sgd / adam / adamw
Usage: /usr/bin/python3 testdata/cnn/make_refs.py   (writes next to itself)
"""
import gzip
import os

import numpy as np
import torch
import torch.nn as nn

from torch_blocks import BasicBlock  # beside this script

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SMOOTH = 0.1


def fashion(n):
    with gzip.open(os.path.join(ROOT, "fashion-mnist-sample", "train-images-idx3-ubyte.gz")) as f:
        img = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 1, 28, 28)[:n]
    with gzip.open(os.path.join(ROOT, "fashion-mnist-sample", "train-labels-idx1-ubyte.gz")) as f:
        lab = np.frombuffer(f.read(), np.uint8, offset=8)[:n]
    x = (img.astype(np.float32) / 255.0 - 0.2860) / 0.3530
    return torch.tensor(x), torch.tensor(lab.astype(np.int64))


NETS = {
    "convnet": ("conv(4,3,pad=1) bn relu maxpool(2) conv(6,3,stride=2,pad=1,bias=false) bn elu avgpool(2) "
                "flatten fc(16) bn tanh fc(12) leakyrelu(0.1) fc(11) sigmoid fc(10)",
                lambda: nn.Sequential(
                    nn.Conv2d(1, 4, 3, padding=1), nn.BatchNorm2d(4), nn.ReLU(), nn.MaxPool2d(2),
                    nn.Conv2d(4, 6, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(6), nn.ELU(),
                    nn.AvgPool2d(2), nn.Flatten(), nn.Linear(54, 16), nn.BatchNorm1d(16), nn.Tanh(),
                    nn.Linear(16, 12), nn.LeakyReLU(0.1), nn.Linear(12, 11), nn.Sigmoid(), nn.Linear(11, 10)),
                "fashion", (8, 1, 28, 28)),
    "resblock": ("conv(8,3,pad=1,bias=false) bn relu res(16,stride=2) res(16) gap flatten fc(10)",
                 lambda: nn.Sequential(
                     nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU(),
                     BasicBlock(8, 16, 2), BasicBlock(16, 16), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                     nn.Linear(16, 10)),
                 "random", (4, 3, 11, 13)),
    "groups": ("conv(4,3,pad=2,dilation=2) relu conv(8,3,stride=2,groups=2) maxpool(3,stride=2,pad=1) "
               "flatten fc(10)",
               lambda: nn.Sequential(
                   nn.Conv2d(2, 4, 3, padding=2, dilation=2), nn.ReLU(), nn.Conv2d(4, 8, 3, stride=2, groups=2),
                   nn.MaxPool2d(3, stride=2, padding=1), nn.Flatten(), nn.Linear(8 * 3 * 4, 10)),
               "random", (5, 2, 12, 15)),
}


def randomise_bn(model, g):
    for m in model.modules():
        if isinstance(m, (nn.BatchNorm1d, nn.BatchNorm2d)):
            with torch.no_grad():
                m.weight.uniform_(0.5, 1.5, generator=g)
                m.bias.uniform_(-0.5, 0.5, generator=g)
                m.running_mean.uniform_(-0.2, 0.2, generator=g)
                m.running_var.uniform_(0.5, 2.0, generator=g)


def f32(t):
    return t.detach().cpu().numpy().astype(np.float32)


def make(name, spec, build, source, shape):
    torch.manual_seed(1234)
    g = torch.Generator().manual_seed(99)
    model = build()
    randomise_bn(model, g)
    if source == "fashion":
        x, y = fashion(shape[0])
    else:
        x = torch.randn(shape, generator=g)
        y = torch.randint(0, 10, (shape[0],), generator=g)
    out = {"spec": np.frombuffer(spec.encode(), np.uint8), "x": f32(x), "labels": y.numpy().astype(np.float32)}
    init = {k: v.clone() for k, v in model.state_dict().items()}
    for k, v in init.items():
        out["state." + k] = f32(v)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=SMOOTH)

    model.train()
    logits = model(x)
    loss = loss_fn(logits, y)
    loss.backward()
    out["logits"] = f32(logits)
    out["loss"] = np.array([loss.item()], np.float32)
    for k, p in model.named_parameters():
        out["grad." + k] = f32(p.grad)
    for k, v in model.state_dict().items():
        out["after." + k] = f32(v)
    model.eval()
    with torch.no_grad():
        out["eval_logits"] = f32(model(x))

    optimisers = {
        "sgd": lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, nesterov=True, weight_decay=5e-4),
        # eps 1e-3: Adam turns gradients that are zero up to rounding (a conv bias before BatchNorm) into
        # full steps of either sign; a larger eps keeps the comparison about the update rule.
        "adam": lambda ps: torch.optim.Adam(ps, lr=0.01, eps=1e-3, weight_decay=1e-4),
        "adamw": lambda ps: torch.optim.AdamW(ps, lr=0.01, eps=1e-3, weight_decay=0.05),
    }
    for opt_name, make_opt in optimisers.items():
        model.load_state_dict(init)
        model.train()
        opt = make_opt(model.parameters())
        for _ in range(3):
            opt.zero_grad()
            loss_fn(model(x), y).backward()
            opt.step()
        for k, p in model.named_parameters():
            out[opt_name + "." + k] = f32(p)
    path = os.path.join(HERE, name + ".npz")
    np.savez(path, **out)
    print(f"{path}: {len(out)} arrays, loss {loss.item():.6f}")


def schedules():
    out = {}
    p = [nn.Parameter(torch.zeros(1))]

    def record(key, opt, sched, steps):
        lrs = []
        for _ in range(steps):
            lrs.append(opt.param_groups[0]["lr"])
            opt.step()
            sched.step()
        out[key] = np.array(lrs, np.float64)

    o = torch.optim.SGD(p, lr=0.1)
    record("step", o, torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5), 10)
    o = torch.optim.SGD(p, lr=0.1)
    record("cosine", o, torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10, eta_min=0.001), 12)
    o = torch.optim.SGD(p, lr=0.1)
    record("onecycle", o, torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.1, total_steps=20, cycle_momentum=False), 20)
    o = torch.optim.SGD(p, lr=0.1)
    record("warmup", o, torch.optim.lr_scheduler.LinearLR(o, start_factor=0.1, total_iters=5), 8)
    path = os.path.join(HERE, "schedules.npz")
    np.savez(path, **out)
    print(path)


if __name__ == "__main__":
    torch.set_num_threads(1)
    for name, (spec, build, source, shape) in NETS.items():
        make(name, spec, build, source, shape)
    schedules()
