#!/usr/bin/python3
"""Reference outputs for convkit's CLI tests (cli/src/test/.../FilterReferenceTest.java, FormatsTest.java).

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


# The same pixels in other formats, written by OpenCV and Pillow, for the readers' test (FormatsTest):
# each must decode to exactly what the PNG holds (all lossless).
from PIL import Image

gray = cv2.imread(os.path.join(IMAGES, "camera-crop.png"), cv2.IMREAD_UNCHANGED)
rgb = cv2.imread(os.path.join(IMAGES, "chelsea-crop.png"), cv2.IMREAD_UNCHANGED)
formats = os.path.join(HERE, "formats")
os.makedirs(formats, exist_ok=True)
cv2.imwrite(os.path.join(formats, "camera-crop.pgm"), gray)
cv2.imwrite(os.path.join(formats, "camera-crop.bmp"), gray)
cv2.imwrite(os.path.join(formats, "camera-crop.tif"), gray)
cv2.imwrite(os.path.join(formats, "chelsea-crop.ppm"), rgb)
cv2.imwrite(os.path.join(formats, "chelsea-crop.bmp"), rgb)
cv2.imwrite(os.path.join(formats, "chelsea-crop.webp"), rgb, [cv2.IMWRITE_WEBP_QUALITY, 101])  # > 100: lossless
cv2.imwrite(os.path.join(formats, "chelsea-crop.tif"), rgb)
Image.fromarray(gray).save(os.path.join(formats, "camera-crop.gif"))         # a palette of grays: exact
moon = cv2.imread(os.path.join(IMAGES, "moon-crop-16bit.png"), cv2.IMREAD_UNCHANGED)
cv2.imwrite(os.path.join(formats, "moon-crop-16bit.tif"), moon)
np.save(os.path.join(formats, "camera-crop-f64.npy"), gray.astype(np.float64))
np.save(os.path.join(formats, "chelsea-crop-u8.npy"), cv2.cvtColor(rgb, cv2.COLOR_BGR2RGB))
cv2.imwrite(os.path.join(formats, "camera-crop.pfm"), gray.astype(np.float32))
cv2.imwrite(os.path.join(formats, "camera-crop-f32.tif"), gray.astype(np.float32))
for f in sorted(os.listdir(formats)):
    print("formats/" + f, os.path.getsize(os.path.join(formats, f)))
