"""Regions with sections solved in 3-D: their voxels (positions, volumes, membrane areas,
segments), computed once per geometry and shared by every species of the region."""
from __future__ import annotations

from typing import Dict, List

import numpy


def _geometry_key(r, secs: list) -> tuple:
    shape = []
    for sec in secs:
        pts = tuple((sec.x3d(i), sec.y3d(i), sec.z3d(i), sec.diam3d(i)) for i in range(sec.n3d()))
        shape.append((id(sec), sec.nseg, pts))
    return (r.dx, id(r._geometry), tuple(shape))


def voxelize_region(r) -> None:
    """Set r's voxel tables: _points (sorted (i, j, k)), _vol, _sa, _segsidx, _nodes_by_seg,
    _surface_nodes_by_seg, _mesh_grid, _segs3d_list."""
    secs = r._secs3d
    key = _geometry_key(r, secs)
    if getattr(r, "_voxel_key", None) == key:
        return
    internal, surface, grid = r._geometry.volumes3d(secs, dx=r.dx)
    points = sorted(list(surface) + list(internal))
    segs = [(sec, i) for sec in secs for i in range(sec.nseg)]
    seg_index = {(id(sec), i): k for k, (sec, i) in enumerate(segs)}
    n = len(points)
    vol = numpy.ones(n)
    sa = numpy.zeros(n)
    segsidx = numpy.zeros(n, dtype=int)
    nodes_by_seg: Dict[int, List[int]] = {}
    surface_nodes_by_seg: Dict[int, List[int]] = {}
    for i, p in enumerate(points):
        if p in surface:
            v, a, (sec, iseg) = surface[p]
            vol[i], sa[i] = v, a
            idx = seg_index[(id(sec), iseg)]
            surface_nodes_by_seg.setdefault(idx, []).append(i)
        else:
            v, (sec, iseg) = internal[p]
            vol[i] = v
            idx = seg_index[(id(sec), iseg)]
        segsidx[i] = idx
        nodes_by_seg.setdefault(idx, []).append(i)
    r._points = points
    r._point_index = {p: i for i, p in enumerate(points)}
    if points:
        r._xs, r._ys, r._zs = (list(t) for t in zip(*points))
    else:
        r._xs, r._ys, r._zs = [], [], []
    r._vol = vol
    r._sa = sa
    r._segsidx = segsidx
    r._nodes_by_seg = nodes_by_seg
    r._surface_nodes_by_seg = surface_nodes_by_seg
    r._mesh_grid = grid
    r._segs3d_list = segs
    r._dx = r.dx
    r._voxel_key = key
