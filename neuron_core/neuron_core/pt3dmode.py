"""pt3dconst([0|1]) and pt3dstyle(...): how 3-D points react to changes (NEURON's treeset.cpp
and shape code).

* pt3dconst(1) keeps 3-D points authoritative: assigning L or diam no longer rewrites the
  points (the values are then recomputed from them); Section checks model.pt3dconst.
* pt3dstyle(1, x, y, z) gives a section a logical connection point: define_shape then moves the
  section (and what hangs from it) so that this point, not the first 3-D point, sits at the
  parent's connection location.  The point is kept relative to the first 3-D point, so it
  follows translations of the section.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from .errors import NeuronError
from .model import model

def pt3dconst(*args) -> float:
    """Returns the previous mode; with 0 or 1, sets it."""
    prev = float(model.pt3dconst)
    if args:
        v = int(float(args[0]))
        if v not in (0, 1):
            raise NeuronError("pt3dconst: argument must be 0 or 1")
        model.pt3dconst = v
    return prev


def pt3dstyle(*args, sec=None) -> float:
    """pt3dstyle(): 1 if the section has a logical connection point; pt3dstyle(0): remove it;
    pt3dstyle(1, x, y, z): set it; pt3dstyle(1, &x, &y, &z): read it into x, y, z."""
    s = sec if sec is not None else model.cas()
    s._check()
    if not args:
        return _style(s)
    style = int(float(args[0]))
    if style == 0:
        s._logical_pt = None
        return 0.0
    if style != 1 or len(args) != 4:
        raise NeuronError("pt3dstyle(0) or pt3dstyle(1, x, y, z)")
    xyz = args[1:]
    if all(_is_pointer(p) for p in xyz):
        pt = logical_point(s)
        if pt is not None:
            for p, v in zip(xyz, pt):
                p[0] = float(v)
        return _style(s)
    first = _first_point(s)
    s._logical_pt = np.array([float(v) for v in xyz], dtype=np.float32) - first
    return 1.0


def _style(s) -> float:
    return 1.0 if s.__dict__.get("_logical_pt") is not None else 0.0


def _first_point(s) -> np.ndarray:
    if s._pt3d is None or len(s._pt3d) == 0:
        return np.zeros(3, dtype=np.float32)
    return s._pt3d[0, :3].copy()


def logical_point(s) -> Optional[np.ndarray]:
    """The section's logical connection point in absolute coordinates, or None."""
    off = s.__dict__.get("_logical_pt")
    if off is None:
        return None
    return _first_point(s) + off


def _is_pointer(x) -> bool:
    from .pointer import is_pointer
    return not isinstance(x, (int, float)) and is_pointer(x)


def define_shape() -> float:
    """define_shape(), then each section with a logical connection point (and its subtree) moved
    so that point lies where the first 3-D point was put."""
    from .shape import define_shape as base
    base()
    model.ensure_built()
    for s in model.built.sections:
        off = s.__dict__.get("_logical_pt")
        if off is None or s._parent is None or s._pt3d is None or not len(s._pt3d):
            continue
        for t in s.subtree():
            if t._pt3d is not None and len(t._pt3d):
                t._pt3d[:, :3] -= off
    return 1.0
