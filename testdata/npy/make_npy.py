#!/usr/bin/python3
"""Small .npy files written by NumPy itself, for io's NpyTest: format versions 1.0, 2.0 and 3.0, C and
Fortran order, each dtype convkit reads. manifest.tsv gives, per file, what NumPy says it holds: the
dtype, shape, order, format version and the values in C order (what a reader must return). Also two
.npz archives of the same four arrays (x, y, classes, and xt = x transposed), stored and deflated.

    /usr/bin/python3 testdata/npy/make_npy.py
"""
import os
import numpy as np
from numpy.lib import format as npformat

HERE = os.path.dirname(os.path.abspath(__file__))


def cases():
    a24 = (np.arange(24, dtype=np.float32) * 0.5 - 3.25).reshape(2, 3, 4)
    yield 'v1-c-f4', a24, None
    yield 'v1-fortran-f4', np.asfortranarray(a24), None
    # a transposed array is what NumPy writes in Fortran order without being asked
    yield 'v1-transposed-f8', (np.arange(6, dtype=np.float64) * 1.1 - 2).reshape(2, 3).T, None
    yield 'v1-c-u1', np.arange(12, dtype=np.uint8).reshape(3, 4) * 21, None
    yield 'v1-fortran-u2-big-endian', np.asfortranarray((np.arange(12) * 5000 + 7).reshape(4, 3).astype('>u2')), None
    yield 'v1-c-i4', np.array([-7, 0, 3, 2147483647, -2147483648], dtype='<i4'), None
    yield 'v1-c-str', np.array(['T-shirt/top', 'Trouser', 'été ☃']), None
    yield 'v1-scalar-f8', np.array(2.5), None
    # an image as convkit reads one: height x width x channels, here transposed from width x height x channels
    rgb = (np.arange(4 * 5 * 3, dtype=np.uint8) * 4).reshape(5, 4, 3).transpose(1, 0, 2)
    yield 'v1-c-u1-rgb', np.ascontiguousarray(rgb), None
    yield 'v1-fortran-u1-rgb', np.asfortranarray(rgb), None
    yield 'v2-c-f4', a24, (2, 0)
    yield 'v2-fortran-f4', np.asfortranarray(a24), (2, 0)
    yield 'v3-c-f4', a24, (3, 0)


def main():
    rows = ['# file\tdescr\tshape\tfortran_order\tversion\tvalues in C order (space-separated; strings joined by |)']
    for name, array, version in cases():
        path = os.path.join(HERE, name + '.npy')
        with open(path, 'wb') as f:
            npformat.write_array(f, array, version=version, allow_pickle=False)
        with open(path, 'rb') as f:
            major, minor = npformat.read_magic(f)
        back = np.load(path)
        assert np.array_equal(back, array), name
        if array.dtype.kind == 'U':
            values = '|'.join(array.ravel(order='C').tolist())
        else:
            values = ' '.join(repr(v) for v in array.ravel(order='C').tolist())
        fortran = array.ndim > 1 and array.flags.f_contiguous and not array.flags.c_contiguous
        rows.append('\t'.join([name + '.npy', array.dtype.str, ','.join(map(str, array.shape)),
                               str(fortran), '%d.%d' % (major, minor), values]))
    with open(os.path.join(HERE, 'manifest.tsv'), 'w', encoding='utf-8') as f:
        f.write('\n'.join(rows) + '\n')
    # archives: numpy.savez stores its members, savez_compressed deflates them
    members = dict(x=np.arange(6, dtype=np.float32).reshape(2, 3), y=np.array([1, 0], dtype='<i4'),
                   classes=np.array(['a', 'bc']), xt=np.arange(6, dtype=np.float32).reshape(2, 3).T)
    np.savez(os.path.join(HERE, 'archive.npz'), **members)
    np.savez_compressed(os.path.join(HERE, 'archive-compressed.npz'), **members)


if __name__ == '__main__':
    main()
