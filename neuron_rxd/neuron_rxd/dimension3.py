"""Regions with sections solved in 3-D: their voxels (positions, volumes, membrane areas,
segments), computed once per geometry and shared by every species of the region."""
from __future__ import annotations

from typing import Dict, List

import numpy

from .rxdException import RxDException


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


def _root(sec):
    while True:
        parent = sec.trueparentseg()
        if parent is None:
            return sec
        sec = parent.sec


def _touch(a, b) -> bool:
    """Do sections a and b share a point (an end, or one hanging from the other)?"""
    from neuron_core import treeops
    for xa in (0.0, 1.0):
        for xb in (0.0, 1.0):
            if treeops.path_distance(a, xa, b, xb) == 0:
                return True
    pa, pb = a.trueparentseg(), b.trueparentseg()
    return (pa is not None and pa.sec is b) or (pb is not None and pb.sec is a)


def check_multigridding(live_species: list) -> None:
    """Sections voxelized with different dx may not touch (NEURON's restriction)."""
    groups: Dict[int, Dict[float, list]] = {}
    for sp in live_species:
        for r in sp._intracellular_instances:
            for sec in r._secs3d:
                groups.setdefault(id(_root(sec)), {}).setdefault(r.dx, []).append(sec)
    for by_dx in groups.values():
        items = list(by_dx.items())
        for i, (dx1, secs1) in enumerate(items):
            for dx2, secs2 in items[i + 1:]:
                for a in secs1:
                    for b in secs2:
                        if _touch(a, b):
                            raise RxDException(
                                "unsupported multigridding case: %s (dx %g) and %s (dx %g) touch; "
                                "3-D sections that meet must use the same dx"
                                % (a.name(), dx1, b.name(), dx2))
