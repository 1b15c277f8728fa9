#!/usr/bin/python3
"""Reference outputs for convkit's CLI end-to-end test (cli/src/test/.../FilterReferenceTest.java).

Run with Debian's python3 (python3-scipy, python3-opencv):  /usr/bin/python3 testdata/cli/make_reference.py

convkit filter -k gaussian:sigma=2 -b reflect --depth float must equal
scipy.ndimage.gaussian_filter(img, sigma=2, mode='reflect') in the image's own scale (8-bit 200 -> 200.0),
each colour channel on its own. Images are read with OpenCV (IMREAD_UNCHANGED, BGR turned to RGB).
"""
import os

import cv2
import numpy as np
from scipy import ndimage

HERE = os.path.dirname(os.path.abspath(__file__))
IMAGES = os.path.join(HERE, "..", "images")


def read(name):
    img = cv2.imread(os.path.join(IMAGES, name), cv2.IMREAD_UNCHANGED)
    if img.ndim == 3:
        img = cv2.cvtColor(img, cv2.COLOR_BGR2RGB)
    return img.astype(np.float32)


def gaussian(img, sigma, mode):
    s = (sigma, sigma) if img.ndim == 2 else (sigma, sigma, 0)
    return ndimage.gaussian_filter(img, sigma=s, mode=mode).astype(np.float32)


for name, out in [("camera-crop.png", "camera-crop_gaussian2_reflect.npy"),
                  ("chelsea-crop.png", "chelsea-crop_gaussian2_reflect.npy"),
                  ("moon-crop-16bit.png", "moon-crop-16bit_gaussian2_reflect.npy")]:
    ref = gaussian(read(name), 2.0, "reflect")
    np.save(os.path.join(HERE, out), ref)
    print(out, ref.shape, ref.dtype, float(ref.min()), float(ref.max()))
