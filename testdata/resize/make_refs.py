#!/usr/bin/python3
"""Reference outputs for filters' Resize.bilinear: Pillow's Image.resize(BILINEAR) on a float32 ('F')
image, which is the antialiased triangle filter convkit implements. Writes raw little-endian float32
files: the input crop and one output per target size, named by size.

Usage: /usr/bin/python3 testdata/resize/make_refs.py
"""
import os
import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, '..', 'images', 'camera-crop.png')  # 80x64 gray, 8-bit

img = np.asarray(Image.open(SRC).convert('L'), dtype=np.float32)
img.astype('<f4').tofile(os.path.join(HERE, 'camera-crop-80x64.f32'))
for w, h in [(28, 28), (40, 32), (33, 17), (160, 128), (101, 50)]:
    out = np.asarray(Image.fromarray(img, mode='F').resize((w, h), Image.BILINEAR), dtype=np.float32)
    out.astype('<f4').tofile(os.path.join(HERE, f'bilinear-{w}x{h}.f32'))
