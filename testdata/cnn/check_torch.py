#!/usr/bin/python3
"""Loads a convkit CNN model file into the equivalent PyTorch module and checks that both give the
same logits on real images.

    check_torch.py MODEL.safetensors PREDICTIONS.json DATA_DIR [--tol 1e-4]

PREDICTIONS.json is the output of `convkit cnn predict --model MODEL --data DATA_DIR --split test
--format json --logits` (paths are FILE#index of the IDX test images). The safetensors file is parsed by
hand (8-byte little-endian header length, JSON header, raw little-endian tensors), the network is built
from the spec in its metadata, the state dict is loaded strictly (every name and shape must match),
the test images are normalised with the metadata's mean/std, and PyTorch's logits are compared with
convkit's. Exit 0 when the largest difference is within the tolerance, 1 otherwise.

Also imported by bench/cnn_vs_torch.py for `build` (spec -> torch.nn.Sequential)."""
import gzip
import json
import os
import re
import struct
import sys

import numpy as np
import torch
import torch.nn as nn

from torch_blocks import BasicBlock  # beside this script

DTYPES = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "I32": np.int32, "U8": np.uint8}


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    (n,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    meta = header.pop("__metadata__", {})
    data = raw[8 + n:]
    tensors = {}
    for name, e in header.items():
        b, end = e["data_offsets"]
        tensors[name] = np.frombuffer(data[b:end], dtype=DTYPES[e["dtype"]]).reshape(e["shape"]).copy()
    return tensors, meta


def parse_spec(spec):
    text = "\n".join(line.split("#")[0] for line in spec.splitlines())
    out = []
    for m in re.finditer(r"([A-Za-z][\w-]*)\s*(?:\(([^)]*)\))?", text):
        pos, kw = [], {}
        for a in (m.group(2) or "").split(","):
            a = a.strip()
            if not a:
                continue
            if "=" in a:
                k, v = a.split("=", 1)
                kw[k.strip()] = v.strip()
            else:
                pos.append(a)
        out.append((m.group(1).lower(), pos, kw))
    return out


def _arg(pos, kw, i, names, default):
    for n in names:
        if n in kw:
            return kw[n]
    return pos[i] if i is not None and i < len(pos) else default


def _bool(v):
    return str(v).lower() in ("true", "1", "yes")


def build(spec, input_shape):
    """torch.nn.Sequential for a convkit spec on a per-sample input shape (C, H, W)."""
    layers, shape = [], list(input_shape)
    for name, pos, kw in parse_spec(spec):
        if name in ("conv", "conv2d"):
            out = int(_arg(pos, kw, 0, ["out"], None))
            k = int(_arg(pos, kw, 1, ["k", "kernel"], None))
            st = int(_arg(pos, kw, None, ["stride", "s"], 1))
            pad = int(_arg(pos, kw, None, ["pad", "padding", "p"], 0))
            dil = int(_arg(pos, kw, None, ["dilation"], 1))
            g = int(_arg(pos, kw, None, ["groups"], 1))
            bias = _bool(_arg(pos, kw, None, ["bias"], "true"))
            layers.append(nn.Conv2d(shape[0], out, k, st, pad, dil, g, bias=bias))
        elif name in ("maxpool", "avgpool"):
            k = int(_arg(pos, kw, 0, ["k", "kernel"], None))
            st = int(_arg(pos, kw, None, ["stride", "s"], k))
            pad = int(_arg(pos, kw, None, ["pad", "padding", "p"], 0))
            layers.append(nn.MaxPool2d(k, st, pad) if name == "maxpool" else nn.AvgPool2d(k, st, pad))
        elif name in ("gap", "globalavgpool"):
            layers.append(nn.AdaptiveAvgPool2d(1))
        elif name in ("bn", "batchnorm"):
            layers.append(nn.BatchNorm2d(shape[0]) if len(shape) == 3 else nn.BatchNorm1d(shape[0]))
        elif name == "relu":
            layers.append(nn.ReLU())
        elif name == "leakyrelu":
            layers.append(nn.LeakyReLU(float(_arg(pos, kw, 0, ["slope"], 0.01))))
        elif name == "elu":
            layers.append(nn.ELU(float(_arg(pos, kw, 0, ["alpha"], 1.0))))
        elif name == "sigmoid":
            layers.append(nn.Sigmoid())
        elif name == "tanh":
            layers.append(nn.Tanh())
        elif name == "dropout":
            layers.append(nn.Dropout(float(_arg(pos, kw, 0, ["p"], 0.5))))
        elif name == "flatten":
            layers.append(nn.Flatten())
        elif name in ("fc", "linear"):
            out = int(_arg(pos, kw, 0, ["out"], None))
            layers.append(nn.Linear(shape[0], out, bias=_bool(_arg(pos, kw, None, ["bias"], "true"))))
        elif name in ("res", "block", "basicblock"):
            out = int(_arg(pos, kw, 0, ["out"], None))
            layers.append(BasicBlock(shape[0], out, int(_arg(pos, kw, None, ["stride", "s"], 1))))
        else:
            raise ValueError("unknown layer " + name)
        shape = _shape(layers, input_shape)
    return nn.Sequential(*layers)


def _shape(layers, input_shape):
    with torch.no_grad():
        return list(nn.Sequential(*layers).eval()(torch.zeros(2, *input_shape)).shape[1:])


def input_shape(meta):
    """(C, H, W) of a convkit CNN model: input.channels, .height and .width (format 2), or input.shape "CxHxW" (format 1)."""
    if "input.width" in meta:
        return [int(meta["input.channels"]), int(meta["input.height"]), int(meta["input.width"])]
    return [int(v) for v in meta["input.shape"].split("x")]


def load_model(path):
    tensors, meta = read_safetensors(path)
    shape = input_shape(meta)
    model = build(meta["arch"], shape)
    state = {k: torch.from_numpy(v) for k, v in tensors.items()}
    model.load_state_dict(state, strict=True)
    model.eval()
    mean = np.array(json.loads(meta["normalization.mean"]), np.float32)
    std = np.array(json.loads(meta["normalization.std"]), np.float32)
    return model, meta, mean, std


def idx_images(path):
    with gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb") as f:
        raw = f.read()
    n, h, w = struct.unpack(">III", raw[4:16])
    return np.frombuffer(raw[16:], np.uint8).reshape(n, 1, h, w)


def main(argv):
    tol = 1e-4
    if "--tol" in argv:
        i = argv.index("--tol")
        tol = float(argv[i + 1])
        del argv[i:i + 2]
    model_path, pred_path, data_dir = argv[1:4]
    model, meta, mean, std = load_model(model_path)
    preds = json.load(open(pred_path))
    files = {}
    worst = 0.0
    agree = 0
    for p in preds:
        fname, idx = p["path"].rsplit("#", 1)
        if fname not in files:
            files[fname] = idx_images(os.path.join(data_dir, os.path.basename(fname)))
        x = files[fname][int(idx)].astype(np.float32) / 255.0
        x = (x - mean[:, None, None]) / std[:, None, None]
        with torch.no_grad():
            logits = model(torch.from_numpy(x[None].astype(np.float32)))[0].numpy()
        ours = np.array(p["logits"], np.float32)
        worst = max(worst, float(np.max(np.abs(logits - ours))))
        agree += int(np.argmax(logits) == np.argmax(ours))
    print("%s (%s): %d images, max |logit difference| %.3g, same class %d/%d (tolerance %g)"
          % (model_path, meta.get("arch.name", "?"), len(preds), worst, agree, len(preds), tol))
    return 0 if worst <= tol and len(preds) > 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
