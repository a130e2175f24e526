"""setSpineArea(a) / getSpineArea(): the area (um2) of an average spine, added to a segment for
every 3-D point with a negative diameter in it (NEURON's spine3d points).

As in NEURON the value takes effect at the next geometry computation: after each rebuild the
areas of sections that have spine points are recomputed with the spine area, and the axial
coefficients that depend on those areas with them.
"""
from __future__ import annotations

import numpy as np

from . import geometry
from .model import model

_state = {"area": 0.0, "hooked": False}


def setSpineArea(area) -> float:
    _state["area"] = float(area)
    if not _state["hooked"]:
        model.on_rebuild.append(_add_spines)
        _state["hooked"] = True
    return _state["area"]


def getSpineArea() -> float:
    return _state["area"]


def _add_spines() -> None:
    a_spine = _state["area"]
    b = model.built
    if a_spine == 0.0 or b is None:
        return
    changed = False
    for s in b.sections:
        pts = s._pt3d
        if pts is None or len(pts) < 2 or not np.any(pts[:, 3] < 0):
            continue
        n, n0 = s._nseg, s._node0
        _, area, _ = geometry.from_points(pts, s._arc, n, s._Ra, spine_area=a_spine)
        b.area[n0:n0 + n] = area
        changed = True
    if changed:
        _axial_coefficients(b)


def _axial_coefficients(b) -> None:
    """a and b of every section node from the (changed) areas, as the build computes them."""
    for s in b.sections:
        n, n0 = s._nseg, s._node0
        par = b.parent[n0]
        b.a[n0] = -1e2 * s._rallbranch * b.rinv[n0] / b.area[par]
        b.a[n0 + 1:n0 + n + 1] = -1e2 * b.rinv[n0 + 1:n0 + n + 1] / b.area[n0:n0 + n]
        b.b[n0:n0 + n + 1] = -1e2 * b.rinv[n0:n0 + n + 1] / b.area[n0:n0 + n + 1]
    from .engine import eng
    eng.d0_cj = -1.0   # the constant part of the diagonal depends on a and b
