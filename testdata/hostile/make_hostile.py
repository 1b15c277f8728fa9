#!/usr/bin/env python3
"""Writes convkit's corpus of hostile files: damaged, truncated, lying and oversized inputs of every
kind convkit reads (images, IDX and CIFAR data sets, class-folder trees, model files), each small on
disk. `HostileCorpusTest` runs every command that reads files over them and expects one line naming the
file and the reason, the documented exit code, no "internal error", bounded memory and nothing written
over an input.

Standard library only, deterministic (no randomness): running it again gives the same bytes.
manifest.tsv lists each case: path, kind, what it is.

    /usr/bin/python3 testdata/hostile/make_hostile.py
"""
import gzip
import io
import json
import os
import shutil
import struct
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
ROWS = []


def put(rel, data, kind, what):
    path = os.path.join(HERE, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    ROWS.append((rel, kind, what))


# ---------------------------------------------------------------- PNG

def chunk(kind, body):
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)


def ihdr(w, h, depth=8, colour=0, interlace=0):
    return chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, colour, 0, 0, interlace))


SIG = b"\x89PNG\r\n\x1a\n"


def png(w, h, colour=0, depth=8, pixel=lambda x, y: (x * 7 + y * 13) & 255):
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    raw = bytearray()
    for y in range(h):
        raw.append(0)
        for x in range(w):
            raw.extend([pixel(x, y)] * channels * (depth // 8))
    return SIG + ihdr(w, h, depth, colour) + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b"")


def zeros_deflated(n):
    c = zlib.compressobj(9)
    block = bytes(1 << 20)
    out = bytearray()
    while n > 0:
        k = min(n, len(block))
        out += c.compress(block[:k])
        n -= k
    return bytes(out + c.flush())


def images():
    good = png(32, 32)
    put("images/ok-32x32.png", good, "image-ok", "a valid 32x32 gray PNG (control: every command must accept it)")
    put("images/empty.png", b"", "image", "an empty file named .png")
    put("images/text.png", b"this is not a PNG, only text with a PNG name\n", "image", "text with an image name")
    put("images/truncated.png", good[: len(good) // 2], "image", "a valid PNG cut in half")
    put("images/signature-only.png", SIG, "image", "the 8-byte PNG signature and nothing else")
    # 40000 x 40000 gray: 1.6 G pixels, 6.4 GB as floats; the IDAT holds 64 MB of zeros in ~64 KB
    put("images/bomb-40000x40000.png",
        SIG + ihdr(40000, 40000) + chunk(b"IDAT", zeros_deflated(64 << 20)) + chunk(b"IEND", b""),
        "image", "a PNG declaring 40000x40000 pixels, with 64 MB of zero rows compressed into ~64 KB")
    put("images/bomb-rgba16-20000x20000.png",
        SIG + ihdr(20000, 20000, 16, 6) + chunk(b"IDAT", zeros_deflated(8 << 20)) + chunk(b"IEND", b""),
        "image", "a 16-bit RGBA PNG declaring 20000x20000 pixels (3.2 GB of samples)")
    put("images/ihdr-repeated.png",
        SIG + b"".join(ihdr(30000, 30000) for _ in range(50)) + chunk(b"IDAT", zlib.compress(b"\0" * 100)) + chunk(b"IEND", b""),
        "image", "a PNG repeating a 30000x30000 IHDR 50 times")
    put("images/ihdr-resized.png",
        SIG + ihdr(4, 4) + ihdr(400, 400) + good[len(SIG) + 25:],
        "image", "a PNG whose second IHDR changes the size")
    cut = struct.pack(">I", 5) + b"IHDR" + b"\0\0\0\x10\0" + struct.pack(">I", 0)
    put("images/ihdr-cut.png", SIG + cut + chunk(b"IEND", b""), "image", "a PNG whose IHDR chunk holds 5 bytes, not 13")
    put("images/ihdr-zero.png", SIG + ihdr(0, 0) + chunk(b"IEND", b""), "image", "a PNG declaring 0x0 pixels")
    put("images/ihdr-negative.png", SIG + ihdr(0x80000000, 0x80000000) + chunk(b"IEND", b""),
        "image", "a PNG whose width and height have the sign bit set")
    put("images/chunk-length-huge.png", SIG + ihdr(4, 4) + struct.pack(">I", 0x7FFFFFF0) + b"IDAT" + b"\0" * 16,
        "image", "a PNG chunk claiming 2 GB in a 60-byte file")
    put("images/palette-bomb.png",
        SIG + ihdr(50000, 50000, 8, 3) + chunk(b"PLTE", b"\0\0\0\xff\xff\xff") + chunk(b"IDAT", zeros_deflated(1 << 20)) + chunk(b"IEND", b""),
        "image", "a palette PNG (goes to ImageIO) declaring 50000x50000 pixels")
    put("images/interlaced-bomb.png",
        SIG + ihdr(50000, 50000, 8, 2, 1) + chunk(b"IDAT", zeros_deflated(1 << 20)) + chunk(b"IEND", b""),
        "image", "an interlaced RGB PNG (goes to ImageIO) declaring 50000x50000 pixels")

    # JPEG: a baseline SOF0 declaring 65000x65000, then scan data that ends at once
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, 65000, 65000, 1) + b"\x01\x11\x00"
    dqt = b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + bytes([1] * 64)
    dht = b"\xff\xc4" + struct.pack(">H", 31) + b"\x00" + bytes([0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]) + bytes(range(12))
    sos = b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00" + b"\x00\x3f\x00"
    put("images/bomb-65000x65000.jpg", b"\xff\xd8" + dqt + sof + dht + sos + b"\x00" * 64 + b"\xff\xd9",
        "image", "a JPEG declaring 65000x65000 pixels with 64 bytes of scan data")
    put("images/soi-only.jpg", b"\xff\xd8\xff", "image", "a JPEG start marker and nothing else")

    # BMP: 30000 x 30000, 24-bit, pixel data absent
    bmp_info = struct.pack("<IiiHHIIiiII", 40, 30000, 30000, 1, 24, 0, 0, 2835, 2835, 0, 0)
    put("images/bomb-30000x30000.bmp", b"BM" + struct.pack("<IHHI", 14 + 40, 0, 0, 14 + 40) + bmp_info,
        "image", "a BMP declaring 30000x30000 24-bit pixels with no pixel data")
    bmp_neg = struct.pack("<IiiHHIIiiII", 40, -5, 0x7FFFFFFF, 1, 8, 0, 0, 0, 0, 0, 0)
    put("images/bmp-negative-width.bmp", b"BM" + struct.pack("<IHHI", 54, 0, 0, 54) + bmp_neg,
        "image", "a BMP with a negative width and a 2^31-1 height")

    # GIF: a 65535 x 65535 logical screen and image
    gif = (b"GIF89a" + struct.pack("<HHBBB", 65535, 65535, 0x80, 0, 0) + b"\0\0\0\xff\xff\xff"
           + b"," + struct.pack("<HHHHB", 0, 0, 65535, 65535, 0) + b"\x02\x02\x44\x01\x00;")
    put("images/bomb-65535x65535.gif", gif, "image", "a GIF declaring a 65535x65535 image with 1 byte of data")

    # TIFF: one strip, 60000 x 60000, 8-bit gray, strip offset past the end
    def ifd_entry(tag, typ, count, value):
        return struct.pack("<HHII", tag, typ, count, value)
    entries = [ifd_entry(256, 4, 1, 60000), ifd_entry(257, 4, 1, 60000), ifd_entry(258, 3, 1, 8),
               ifd_entry(259, 3, 1, 1), ifd_entry(262, 3, 1, 1), ifd_entry(273, 4, 1, 4096),
               ifd_entry(277, 3, 1, 1), ifd_entry(278, 4, 1, 60000), ifd_entry(279, 4, 1, 3600000000)]
    tiff = b"II*\0" + struct.pack("<I", 8) + struct.pack("<H", len(entries)) + b"".join(entries) + struct.pack("<I", 0)
    put("images/bomb-60000x60000.tif", tiff, "image", "a TIFF declaring 60000x60000 pixels in one 3.6 GB strip past the end")

    # PNM / PAM
    put("images/bomb-50000x50000.pgm", b"P5\n50000 50000\n255\n" + b"\0" * 64, "image", "a binary PGM declaring 50000x50000 pixels, 64 bytes present")
    put("images/pgm-overflow.pgm", b"P5\n4294967297 4294967297\n255\n\0\0\0\0", "image", "a PGM whose width and height overflow 32 bits")
    put("images/bomb.pam", b"P7\nWIDTH 40000\nHEIGHT 40000\nDEPTH 4\nMAXVAL 65535\nTUPLTYPE RGB_ALPHA\nENDHDR\n\0\0",
        "image", "a PAM declaring 40000x40000 16-bit RGBA")
    put("images/ppm-truncated.ppm", b"P6\n8 8\n255\n" + b"\x80" * 50, "image", "a PPM with 50 of its 192 bytes")

    # PFM (little-endian gray)
    put("images/pfm-wraps.pfm", b"Pf\n2147483647 2147483647\n-1.0\n" + b"\0" * 16, "image", "a PFM whose pixel count wraps 32 bits")
    put("images/pfm-huge.pfm", b"PF\n40000 40000\n-1.0\n" + b"\0" * 64, "image", "a colour PFM declaring 40000x40000 pixels, 64 bytes present")
    put("images/pfm-bad-scale.pfm", b"Pf\n2 2\nbanana\n" + b"\0" * 16, "image", "a PFM whose scale is not a number")
    put("images/pfm-negative.pfm", b"Pf\n-2 2\n-1.0\n" + b"\0" * 16, "image", "a PFM with a negative width")

    # NumPy .npy
    def npy(header, body=b"", major=1):
        h = header.encode("latin1")
        pad = 64 - (10 + len(h) + 1) % 64
        h = h + b" " * pad + b"\n"
        size = struct.pack("<H", len(h)) if major == 1 else struct.pack("<I", len(h))
        return b"\x93NUMPY" + bytes([major, 0]) + size + h + body
    put("images/npy-bad-int.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (12x, 4), }", b"\0" * 64),
        "image", "an .npy whose shape holds '12x'")
    put("images/npy-huge.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (100000, 100000), }", b"\0" * 64),
        "image", "an .npy declaring 100000x100000 floats, 64 bytes present")
    put("images/npy-wraps.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296), }", b"\0" * 64),
        "image", "an .npy whose shape product wraps 64 bits")
    put("images/npy-negative.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (-4, 4), }", b"\0" * 64),
        "image", "an .npy with a negative dimension")
    put("images/npy-bad-dtype.npy", npy("{'descr': '<c16', 'fortran_order': False, 'shape': (2, 2), }", b"\0" * 64),
        "image", "an .npy of complex numbers")
    put("images/npy-header-past-end.npy", b"\x93NUMPY\x02\x00" + struct.pack("<I", 0x7FFFFFF0) + b"{'descr'",
        "image", "an .npy (version 2) whose header length is 2 GB in a 20-byte file")
    put("images/npy-truncated.npy", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (8, 8), }", b"\0" * 100),
        "image", "an .npy of 8x8 floats with 100 of its 256 bytes")
    put("images/npy-not-dict.npy", npy("[1, 2, 3]", b"\0" * 16), "image", "an .npy whose header is not a dictionary")
    put("images/npy-fortran-truncated.npy", npy("{'descr': '<f4', 'fortran_order': True, 'shape': (8, 8, 3), }", b"\0" * 100),
        "image", "a Fortran-order .npy of 8x8x3 floats with 100 of its 768 bytes")
    put("images/npy-v3-huge.npy", npy("{'descr': '<f8', 'fortran_order': True, 'shape': (100000, 100000), }", b"\0" * 64, major=3),
        "image", "a version-3 Fortran-order .npy declaring 100000x100000 doubles, 64 bytes present")


# ---------------------------------------------------------------- data sets

def idx_images(count, rows, cols, body):
    return struct.pack(">IIII", 0x00000803, count, rows, cols) + body


def idx_labels(count, body):
    return struct.pack(">II", 0x00000801, count) + body


def noise(n):
    """n bytes of a fixed linear congruential sequence: deterministic and nearly incompressible."""
    out, x = bytearray(n), 12345
    for i in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
        out[i] = x >> 16 & 255
    return bytes(out)


def datasets():
    base = "datasets"
    # count * rows * cols = 2^32 + 784: wraps to a small int
    put(f"{base}/idx-wraps/train-images-idx3-ubyte", idx_images(0x01000001, 256, 256, b"\0" * 784),
        "idx", "IDX images whose count*rows*cols wraps 32 bits to a small number")
    put(f"{base}/idx-wraps/train-labels-idx1-ubyte", idx_labels(0x01000001, b"\0"), "idx", "its labels (same lie)")

    put(f"{base}/idx-huge/train-images-idx3-ubyte", idx_images(2000000, 28, 28, b"\0" * 784 * 2),
        "idx", "IDX images declaring 2,000,000 images, 2 present")
    put(f"{base}/idx-huge/train-labels-idx1-ubyte", idx_labels(2000000, b"\0\1"), "idx", "its labels")

    put(f"{base}/idx-mismatch/train-images-idx3-ubyte", idx_images(3, 28, 28, b"\0" * 784 * 3), "idx", "3 images")
    put(f"{base}/idx-mismatch/train-labels-idx1-ubyte", idx_labels(5, b"\0\1\2\3\4"), "idx", "5 labels for 3 images")

    put(f"{base}/idx-bad-magic/train-images-idx3-ubyte", b"\0\0\x08\x05" + b"\0" * 100, "idx", "IDX images with a 5-dimension magic")
    put(f"{base}/idx-bad-magic/train-labels-idx1-ubyte", idx_labels(1, b"\0"), "idx", "its labels")

    # a gzip that declares one 28x28 image but inflates to 200 MB
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9, mtime=0) as g:
        g.write(idx_images(1, 28, 28, b""))
        zero = bytes(1 << 20)
        for _ in range(200):
            g.write(zero)
    put(f"{base}/idx-gz-bomb/train-images-idx3-ubyte.gz", buf.getvalue(),
        "idx", "gzipped IDX declaring one 28x28 image that inflates to 200 MB")
    put(f"{base}/idx-gz-bomb/train-labels-idx1-ubyte.gz", gzip.compress(idx_labels(1, b"\0"), mtime=0), "idx", "its labels")
    put(f"{base}/idx-gz-truncated/train-images-idx3-ubyte.gz", gzip.compress(idx_images(4, 28, 28, noise(784 * 4)), mtime=0)[:600],
        "idx", "gzipped IDX of 4 images cut after 600 of its ~3,200 bytes")
    put(f"{base}/idx-gz-truncated/train-labels-idx1-ubyte.gz", gzip.compress(idx_labels(4, b"\0\1\2\3"), mtime=0), "idx", "its labels")

    # CIFAR-10: records of 1 + 3072 bytes; this one stops inside its second record
    put(f"{base}/cifar-short/data_batch_1.bin", b"\3" + b"\x40" * 3072 + b"\5" + b"\x40" * 100,
        "cifar", "a CIFAR-10 batch whose second record is cut short")
    put(f"{base}/cifar-short/batches.meta.txt", b"\n".join(f"class{i}".encode() for i in range(10)) + b"\n", "cifar", "its class names")
    put(f"{base}/cifar-bad-label/data_batch_1.bin", b"\xfe" + b"\x40" * 3072, "cifar", "a CIFAR-10 record with label 254")
    put(f"{base}/cifar-bad-label/batches.meta.txt", b"\n".join(f"class{i}".encode() for i in range(10)) + b"\n", "cifar", "its class names")

    # a class-folder tree whose first image (in sorted order) is damaged, the rest are fine
    tree = f"{base}/folder-first-damaged"
    for cls in ("a", "b"):
        for i in range(6):
            put(f"{tree}/{cls}/{i:02d}.png", png(28, 28, pixel=lambda x, y, i=i, c=cls: (x * (3 + i) + y * (ord(c) - 90)) & 255),
                "folder", "a valid 28x28 image")
    put(f"{tree}/a/00.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0", "folder", "the first image of the tree, cut inside its IHDR")
    put(f"{tree}/b/03.png", b"", "folder", "an empty image in the middle")
    put(f"{tree}/b/04.png", SIG + ihdr(40000, 40000) + chunk(b"IDAT", zeros_deflated(1 << 20)) + chunk(b"IEND", b""),
        "folder", "a 40000x40000 bomb in the middle")


# ---------------------------------------------------------------- model files

def safetensors(header, data):
    h = json.dumps(header, separators=(",", ":")).encode()
    h += b" " * (-len(h) % 8)
    return struct.pack("<Q", len(h)) + h + data


def models():
    meta = {"convkit.format": "convkit-cnn", "convkit.format_version": "1", "arch": "flatten fc(2)", "arch.name": "spec",
            "input.shape": "1x4x4", "normalization.mean": "[0.0]", "normalization.std": "[1.0]", "classes": "[\"a\",\"b\"]"}
    w = struct.pack("<32f", *([0.01] * 32))
    b = struct.pack("<2f", 0.0, 0.0)
    ok = {"__metadata__": meta, "1.weight": {"dtype": "F32", "shape": [2, 16], "data_offsets": [0, 128]},
          "1.bias": {"dtype": "F32", "shape": [2], "data_offsets": [128, 136]}}
    put("models/cnn-ok.safetensors", safetensors(ok, w + b), "model-cnn-ok",
        "a valid tiny CNN model (flatten fc(2) on 1x4x4): control; every command must accept it")
    put("models/empty.safetensors", b"", "model", "an empty model file")
    put("models/text.safetensors", b"not a model\n", "model", "text named .safetensors")
    put("models/header-huge.safetensors", struct.pack("<Q", 1 << 62) + b"{}", "model", "a header length of 2^62")
    put("models/header-past-end.safetensors", struct.pack("<Q", 4096) + b"{\"a\":", "model", "a header length past the end of the file")
    put("models/header-not-json.safetensors", safetensors({}, b"")[:8] + b"}{not json", "model", "a header that is not JSON")
    overlap = dict(ok)
    overlap["1.bias"] = {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}
    put("models/overlapping.safetensors", safetensors(overlap, w + b), "model", "two tensors sharing bytes")
    gap = dict(ok)
    gap["1.bias"] = {"dtype": "F32", "shape": [2], "data_offsets": [132, 140]}
    put("models/gap.safetensors", safetensors(gap, w + b + b"\0" * 4), "model", "a hole between tensors")
    past = dict(ok)
    past["1.bias"] = {"dtype": "F32", "shape": [2], "data_offsets": [128, 80000000000]}
    put("models/offset-past-end.safetensors", safetensors(past, w + b), "model", "a tensor ending 80 GB past the end of the file")
    wraps = dict(ok)
    wraps["1.weight"] = {"dtype": "F32", "shape": [4294967296, 4294967296, 1024], "data_offsets": [0, 128]}
    put("models/shape-wraps.safetensors", safetensors(wraps, w + b), "model", "a shape whose product wraps 64 bits")
    mism = dict(ok)
    mism["1.weight"] = {"dtype": "F32", "shape": [2, 17], "data_offsets": [0, 128]}
    put("models/shape-mismatch.safetensors", safetensors(mism, w + b), "model", "a shape that does not match its byte range")
    huge_meta = dict(meta)
    huge_meta["arch"] = "flatten fc(2000000000) fc(2)"
    huge = dict(ok)
    huge["__metadata__"] = huge_meta
    put("models/arch-huge.safetensors", safetensors(huge, w + b), "model",
        "a 200-byte CNN model whose arch declares an fc layer of 2e9 outputs")
    big_input = dict(meta)
    big_input["input.shape"] = "3x100000x100000"
    bi = dict(ok)
    bi["__metadata__"] = big_input
    put("models/input-huge.safetensors", safetensors(bi, w + b), "model", "a CNN model whose input shape is 3x100000x100000")
    bad_version = dict(meta)
    bad_version["convkit.format_version"] = "99999999999999"
    bv = dict(ok)
    bv["__metadata__"] = bad_version
    put("models/version-huge.safetensors", safetensors(bv, w + b), "model", "a format version that is not an int")
    base_meta = {"convkit.format": "convkit-baseline", "convkit.format_version": "3", "classes": "[\"a\",\"b\"]",
                 "input.width": "2000000000", "input.height": "2000000000", "input.channels": "3",
                 "features.type": "pixels"}
    put("models/baseline-input-huge.safetensors", safetensors({"__metadata__": base_meta}, b""), "model",
        "a baseline model with a 2e9 x 2e9 input and no tensors")
    trunc = safetensors(ok, w + b)
    put("models/truncated.safetensors", trunc[: len(trunc) - 60], "model", "a valid model cut 60 bytes short")


# Mutants that bench/fuzz_decoders.sh found (file name: what went wrong), kept as they were found;
# this script lists them but never writes them.
FOUND = {
    "webp-lossless-read-past-end.webp": "a damaged lossless WebP (fuzz seed 7558632 of chelsea-crop.webp) that "
                                        "TwelveMonkeys decodes past its end, one exception per missing byte, for minutes",
}


def found():
    for name, what in FOUND.items():
        ROWS.append((f"found/{name}", "image", what))


def main():
    for d in ("images", "datasets", "models"):
        shutil.rmtree(os.path.join(HERE, d), ignore_errors=True)
    images()
    datasets()
    models()
    found()
    rows = {rel: (kind, what) for rel, kind, what in ROWS}  # a later put() of the same path replaces the earlier
    with open(os.path.join(HERE, "manifest.tsv"), "w") as f:
        f.write("path\tkind\twhat\n")
        for rel, (kind, what) in rows.items():
            f.write(f"{rel}\t{kind}\t{what}\n")
    total = sum(os.path.getsize(os.path.join(HERE, r)) for r in rows)
    print(f"{len(rows)} files, {total / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
