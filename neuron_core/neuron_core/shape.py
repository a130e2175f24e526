"""define_shape(): 3-D points for sections that have none, laid out as NEURON does.

Each such section becomes a straight line from the point it hangs from: root sections along x at
z = 100 um times their position in the section order; a child continues its parent's direction
(or leaves at a right angle from an interior point), siblings at the same point fanned out over
+-0.4 rad.  Sections that already have points are translated so they start at their parent's
connection point.  Coordinates are single precision, as NEURON stores them, and the direction is computed with the
single-precision atan2f/cosf/sinf NEURON's float arithmetic selects, so the points agree with
NEURON's to the bit.
"""
from __future__ import annotations

import math

import numpy as np

from . import geometry
from .model import model

f32 = np.float32
_libm = None


def _float_trig():
    """libm's cosf, sinf and atan2f (numpy's float32 routines round differently)."""
    global _libm
    if _libm is None:
        import ctypes
        import ctypes.util
        lib = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")
        for name, nargs in (("cosf", 1), ("sinf", 1), ("atan2f", 2)):
            fn = getattr(lib, name)
            fn.argtypes = [ctypes.c_float] * nargs
            fn.restype = ctypes.c_float
        _libm = lib
    return _libm


def define_shape() -> float:
    model.ensure_built()
    m = _float_trig()
    order = list(model.built.sections)
    for i, sec in enumerate(order):
        psec = sec._parent
        arc = sec._parentx
        if psec is None:
            x, y, z = f32(0), f32(0), f32(i * 100.0)
            x1, y1 = f32(1), f32(0)
        else:
            pts = psec._pt3d
            first, last = pts[0], pts[-1]
            x1 = f32(last[0] - first[0])
            y1 = f32(last[1] - first[1])
            arc1 = 1.0 - arc if psec._childend == 1.0 else arc
            if arc1 < 0.5:
                x1, y1 = -x1, -y1
            # float coordinates times a double fraction: the sum is formed in double
            x, y, z = (f32(float(last[k]) * arc1 + float(first[k]) * (1 - arc1)) for k in range(3))
        if sec._pt3d is not None and len(sec._pt3d):
            if psec is not None:
                d = np.array([x, y, z], dtype=f32) - sec._pt3d[0, :3]
                sec._pt3d[:, :3] += d
            continue
        if abs(y1) < 1e-6 and abs(x1) < 1e-6:
            angle = f32(0)
        else:
            angle = f32(m.atan2f(float(y1), float(x1)))
        if 0.0 < arc < 1.0:
            angle = f32(float(angle) + math.pi / 2.0)
        if psec is not None:
            same = [c for c in _child_list(psec) if c._parentx == arc]
            nch = len(same)
            if nch > 1:
                ich = same.index(sec)
                angle = f32(float(angle) + ich / (nch - 1.0) * 0.8 - 0.4)
        length = sec.L
        xe = f32(float(x) + length * m.cosf(float(angle)))
        ye = f32(float(y) + length * m.sinf(float(angle)))
        n = sec._nseg
        # NEURON takes the diameters in arc order (x from 0 to 1) whichever end is attached
        diam = sec._diam[::-1] if sec._childend == 1.0 else sec._diam
        pts = [(x, y, z, diam[0])]
        for j in range(n):
            frac = (j + 0.5) / n
            pts.append((float(x) * (1 - frac) + float(xe) * frac, float(y) * (1 - frac) + float(ye) * frac,
                        z, diam[j]))
        pts.append((xe, ye, z, diam[n - 1]))
        sec._pt3d = np.array(pts, dtype=f32)
        sec._arc = geometry.pt3d_arc(sec._pt3d)
        sec._arc[-1] = length
        sec._L = length
    model.geometry_dirty = True
    return 1.0


def _child_list(sec) -> list:
    """Children in NEURON's child-list order (at one point: the most recently connected first)."""
    return sec.children()
