"""NEURON's define_shape: 3-D points for sections that have none, as rxd needs them.

NEURON's rxd calls `h.define_shape()` when it instantiates a model, which gives every section
without 3-D points the points of a straight line (first point at the parent's connection
point, then one point per segment centre, then the end), lays trees out in the x-y plane (root
sections at z = 100 * their position in the section order, siblings fanned out by +-0.4 rad,
children in the middle of a parent at a right angle) and moves sections that have points so
they start at their parent's connection point.  From then on areas and diameters come from
those points, so this changes the electrical model of tapered sections exactly as NEURON does.
"""
from __future__ import annotations

import math
from typing import Tuple

import numpy

from . import _topology
from ._topology import tree_order


def _f32(v: float) -> float:
    return float(numpy.float32(v))


def _libm():
    """Single-precision cosf/sinf/atan2f: NEURON computes the layout angles in float."""
    import ctypes
    import ctypes.util
    m = ctypes.CDLL(ctypes.util.find_library("m") or "libm.so.6")
    for name, nargs in (("cosf", 1), ("sinf", 1), ("atan2f", 2)):
        fn = getattr(m, name)
        fn.argtypes = [ctypes.c_float] * nargs
        fn.restype = ctypes.c_float
    return m


_m = _libm()


def _node_diams(sec) -> list:
    """Diameters of the segments in node order (from the attachment end)."""
    n = sec.nseg
    xs = [(j + 0.5) / n for j in range(n)]
    if sec.orientation() == 1.0:
        xs = [1.0 - x for x in xs]
    return [sec(x).diam for x in xs]


def _end_points(sec) -> Tuple[numpy.ndarray, numpy.ndarray]:
    n = sec.n3d()
    first = numpy.array([sec.x3d(0), sec.y3d(0), sec.z3d(0)])
    last = numpy.array([sec.x3d(n - 1), sec.y3d(n - 1), sec.z3d(n - 1)])
    return first, last


def _translate(sec, x: float, y: float, z: float) -> None:
    """Move a section's points so its first point is (x, y, z) (float32 as NEURON; the arc
    lengths do not change)."""
    n = sec.n3d()
    pts = numpy.array([[sec.x3d(i), sec.y3d(i), sec.z3d(i), sec.diam3d(i)] for i in range(n)],
                      dtype=numpy.float32)
    d = numpy.array([x, y, z], dtype=numpy.float32) - pts[0, :3]
    if not numpy.any(d):
        return
    arcs = [sec.arc3d(i) for i in range(n)]
    pts[:, :3] += d
    sec.pt3dclear()
    sec.pt3dadd(pts[:, 0].tolist(), pts[:, 1].tolist(), pts[:, 2].tolist(), pts[:, 3].tolist())
    _set_arcs(sec, arcs)


def _set_arcs(sec, arcs) -> None:
    """NEURON keeps the arc lengths it computed (the last one exactly the section length)
    rather than recomputing them from the float32 coordinates."""
    arc = getattr(sec, "_arc", None)
    if arc is not None and len(arc) == len(arcs):
        arc[:] = arcs
        sec._L = float(arcs[-1])


def define_shape() -> None:
    """Give every section 3-D points (NEURON's h.define_shape())."""
    order = tree_order()
    # read every diameter before any point is added (points change how diameters are computed)
    diam_of = {id(sec): _node_diams(sec) for sec in order if not sec.n3d()}
    for i, sec in enumerate(order):
        pseg = sec.parentseg()
        psec = pseg.sec if pseg is not None else None
        arc = pseg.x if pseg is not None else 1.0
        if psec is None:
            x, y, z, x1, y1 = 0.0, 0.0, _f32(i * 100.0), 1.0, 0.0
        else:
            first, last = _end_points(psec)
            x1, y1 = _f32(last[0] - first[0]), _f32(last[1] - first[1])
            arc1 = arc if psec.orientation() == 0.0 else 1.0 - arc
            if arc1 < 0.5:
                x1, y1 = -x1, -y1
            x, y, z = (_f32(v) for v in (last * arc1 + first * (1 - arc1)))
        if sec.n3d():
            if psec is not None:
                _translate(sec, x, y, z)
            continue
        # NEURON computes the direction in single precision
        angle = 0.0 if (abs(y1) < 1e-6 and abs(x1) < 1e-6) else _m.atan2f(y1, x1)
        if 0.0 < arc < 1.0:
            angle = _f32(angle + math.pi / 2.0)
        if psec is not None:
            same = [c for c in _topology.children(psec) if c.parentseg().x == arc]
            if len(same) > 1:
                ich = same.index(sec)
                angle = _f32(angle + ich / (len(same) - 1.0) * 0.8 - 0.4)
        length = sec.L
        xe = _f32(x + length * _m.cosf(angle))
        ye = _f32(y + length * _m.sinf(angle))
        diams = diam_of[id(sec)]
        n = sec.nseg
        xs, ys, zs, ds = [x], [y], [z], [diams[0]]
        for j in range(n):
            frac = (j + 0.5) / n
            xs.append(x * (1 - frac) + xe * frac)
            ys.append(y * (1 - frac) + ye * frac)
            zs.append(z)
            ds.append(diams[j])
        xs.append(xe)
        ys.append(ye)
        zs.append(z)
        ds.append(diams[n - 1])
        sec.pt3dadd(xs, ys, zs, ds)
        _set_arcs(sec, [sec.arc3d(k) for k in range(n + 1)] + [length])


def shape_points(sec) -> Tuple[numpy.ndarray, numpy.ndarray]:
    """(arc length, diameter) of a section's 3-D points; the points define_shape would
    create when it has none."""
    n = sec.n3d()
    if n:
        return (numpy.array([sec.arc3d(i) for i in range(n)]),
                numpy.array([sec.diam3d(i) for i in range(n)]))
    nseg = sec.nseg
    L = sec.L
    diams = _node_diams(sec)
    arc = [0.0] + [(j + 0.5) / nseg * L for j in range(nseg)] + [L]
    return numpy.array(arc), numpy.array([diams[0]] + diams + [diams[-1]], dtype=numpy.float32).astype(float)

