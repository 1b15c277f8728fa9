#!/usr/bin/python3
"""PyTorch's default initialisation of convkit's presets, for TorchInitReferenceTest (`--init torch`).

For each preset (lenet5, vgg-small, resnet-small on 1x28x28 inputs, 10 classes), the spec as convkit's
`Architectures` writes it is built as a torch.nn.Sequential (check_torch.build), and every module's
own `reset_parameters()` (what `nn.Conv2d`, `nn.Linear` and `nn.BatchNorm2d` run when constructed) is
called again and again until each of its tensors has given at least DRAWS values. One row per
state-dict tensor:

  arch  name  shape  fan_in  kind  bound  draws  mean  var  max_abs

kind is `uniform` (a weight or bias drawn by PyTorch), `ones` or `zeros` (BatchNorm's weight and
running_var, its bias and running_mean); bound is PyTorch's own formula: for a weight
`kaiming_uniform_(a=sqrt(5))`'s sqrt(3) * calculate_gain('leaky_relu', sqrt(5)) / sqrt(fan_in), for a
bias 1 / sqrt(fan_in), with fan_in from `init._calculate_fan_in_and_fan_out(weight)`; mean, var
(population) and max_abs are those of PyTorch's draws. A `#spec` line before an arch's rows holds the
spec, so the test notices when a preset changes.

Usage: /usr/bin/python3 testdata/cnn/make_torch_init.py   (writes torch_init.tsv beside itself;
made with Debian's python3-torch 1.13)
"""
import math
import os

import numpy as np
import torch
import torch.nn as nn
from torch.nn import init

import check_torch  # beside this script: spec -> torch.nn.Sequential

HERE = os.path.dirname(os.path.abspath(__file__))
DRAWS = 40_000
SHAPE = (1, 28, 28)
# convkit's Architectures.spec(name, 10)
PRESETS = {
    "lenet5": "conv(6,5,pad=2) relu maxpool(2) conv(16,5) relu maxpool(2) flatten "
              "fc(120) relu fc(84) relu fc(10)",
    "vgg-small": "conv(32,3,pad=1,bias=false) bn relu conv(32,3,pad=1,bias=false) bn relu maxpool(2) "
                 "conv(64,3,pad=1,bias=false) bn relu conv(64,3,pad=1,bias=false) bn relu maxpool(2) "
                 "flatten fc(128) relu dropout(0.5) fc(10)",
    "resnet-small": "conv(32,3,pad=1,bias=false) bn relu res(32) res(64,stride=2) res(128,stride=2) "
                    "gap flatten fc(10)",
}


def bounds(module):
    """PyTorch's bound per parameter of one Conv2d or Linear, computed as its reset_parameters does."""
    fan_in, _ = init._calculate_fan_in_and_fan_out(module.weight)
    gain = init.calculate_gain("leaky_relu", math.sqrt(5))
    out = {"weight": (fan_in, math.sqrt(3.0) * gain / math.sqrt(fan_in))}
    if module.bias is not None:
        out["bias"] = (fan_in, 1 / math.sqrt(fan_in))
    return out


def rows(arch, spec):
    torch.manual_seed(20261207)
    model = check_torch.build(spec, SHAPE)
    out = []
    for prefix, m in model.named_modules():
        if isinstance(m, (nn.Conv2d, nn.Linear)):
            b = bounds(m)
            tensors = {k: getattr(m, k) for k in b}
            rounds = max(math.ceil(DRAWS / t.numel()) for t in tensors.values())
            seen = {k: [] for k in tensors}
            for _ in range(rounds):
                m.reset_parameters()
                for k, t in tensors.items():
                    seen[k].append(t.detach().numpy().ravel().copy())
            for k, t in tensors.items():
                v = np.concatenate(seen[k]).astype(np.float64)
                fan_in, bound = b[k]
                out.append((arch, prefix + "." + k, "x".join(map(str, t.shape)), fan_in, "uniform", repr(bound), len(v),
                            "%.6g" % v.mean(), "%.8g" % v.var(), repr(float(np.abs(v).max()))))
        elif isinstance(m, nn.BatchNorm2d):
            m.reset_parameters()
            for k, kind in (("weight", "ones"), ("bias", "zeros"), ("running_mean", "zeros"), ("running_var", "ones")):
                t = getattr(m, k).detach().numpy()
                assert np.all(t == (1 if kind == "ones" else 0)), (arch, prefix, k)
                out.append((arch, prefix + "." + k, "x".join(map(str, t.shape)), 0, kind, "0", t.size, "%.6g" % t.mean(), "0", "0"))
    return out


def main():
    path = os.path.join(HERE, "torch_init.tsv")
    with open(path, "w") as f:
        f.write("# PyTorch %s default initialisation of convkit's presets on 1x28x28, 10 classes; made by make_torch_init.py\n"
                % torch.__version__)
        f.write("arch\tname\tshape\tfan_in\tkind\tbound\tdraws\tmean\tvar\tmax_abs\n")
        for arch, spec in PRESETS.items():
            f.write("#spec\t%s\t%s\n" % (arch, spec))
            for r in rows(arch, spec):
                f.write("\t".join(map(str, r)) + "\n")
    print("wrote", path)


if __name__ == "__main__":
    main()
