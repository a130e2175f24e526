"""Voxels of a set of 3-D sections: which voxels are inside, their volumes, membrane areas
and segments (NEURON's full-join morphology voxelization).

Every primitive of the constructive geometry is voxelized on its own (in C); a voxel inside
one primitive is internal (volume dx^3), a voxel crossing surfaces gets a sampled volume and
the marching-cubes area of the union's surface.  Each voxel belongs to the segment, among
those whose primitives cover it, nearest the root of the tree.
"""
from __future__ import annotations

import math
import warnings
from typing import Dict, List, Tuple

import numpy

from . import options
from ._ctng import Geometry
from ._geom3d import Pack, Sphere, starting_point
from ._solver import ffi, lib
from .rxdException import RxDException

Voxel = Tuple[int, int, int]


def _minmax(values: list, old: list) -> list:
    if old:
        return [min(min(values), old[0]), max(max(values), old[1])]
    return [min(values), max(values)]


def mesh_grid(sections: list, dx: float) -> dict:
    """The Cartesian grid around the sections' 3-D points (margin: largest diameter + 2 dx)."""
    xs, ys, zs, diams = [], [], [], []
    arcs = float("inf")
    for sec in sections:
        rng = range(sec.n3d())
        xs = _minmax([sec.x3d(i) for i in rng], xs)
        ys = _minmax([sec.y3d(i) for i in rng], ys)
        zs = _minmax([sec.z3d(i) for i in rng], zs)
        positive = [sec.diam3d(i) for i in rng if sec.diam3d(i) > 0]
        if positive:
            diams = _minmax(positive, diams)
        steps = [sec.arc3d(i + 1) - sec.arc3d(i) for i in rng[:-1]
                 if sec.arc3d(i + 1) > sec.arc3d(i)]
        arcs = min(steps + [arcs])
    if not diams:
        raise RxDException("3-D sections %r have no positive diameter" % (sections,))
    check = min(diams[0] / math.sqrt(3), arcs / math.sqrt(3))
    if dx > check:
        warnings.warn("Resolution may be too low. To guarantee accurate voxelization, use a "
                      "dx <= {}.".format(check))
    margin = diams[1] + 2 * dx
    return {"xlo": xs[0] - margin, "xhi": xs[1] + margin, "ylo": ys[0] - margin,
            "yhi": ys[1] + margin, "zlo": zs[0] - margin, "zhi": zs[1] + margin,
            "dx": dx, "dy": dx, "dz": dx}


def _root_distance(sec, iseg: int, cache: dict) -> float:
    key = (id(sec), iseg)
    if key not in cache:
        from neuron_core import treeops
        root = sec.root()
        cache[key] = treeops.path_distance(root, 0.0, sec, (iseg + 0.5) / sec.nseg)
    return cache[key]


class _Item:
    """One primitive with the segment it belongs to."""

    __slots__ = ("obj", "seg", "dist", "sphere", "root")

    def __init__(self, obj, seg, dist):
        self.obj, self.seg, self.dist = obj, seg, dist
        self.sphere = isinstance(obj, Sphere)
        self.root = seg[0].root()

    def nearer(self, other: "_Item") -> bool:
        """Is this non-sphere primitive's segment nearer its root than other's?  (A segment of
        another tree is infinitely far.)"""
        if self.sphere:
            return False
        if other.root is not self.root:
            return True
        return self.dist < other.dist


def _items(geom: Geometry, cache: dict) -> List[_Item]:
    """Primitives by segment, in NEURON's order: joins (owned by the piece of the join
    nearest the root), then the pieces; all non-spheres before spheres."""
    by_seg: Dict[tuple, list] = {}
    for group in geom.join_groups:
        best, closest = None, float("inf")
        for obj in group:
            if not isinstance(obj, Sphere):
                seg = geom.segment_of[(obj._x0, obj._y0, obj._z0, obj._x1, obj._y1, obj._z1)]
                d = _root_distance(seg[0], seg[1], cache)
                if d < closest:
                    best, closest = seg, d
        for obj in group:
            if isinstance(obj, Sphere):
                by_seg.setdefault(best, []).append(obj)
    for cone in geom.cones:
        seg = geom.segment_of[(cone._x0, cone._y0, cone._z0, cone._x1, cone._y1, cone._z1)]
        by_seg.setdefault(seg, []).append(cone)
    out = []
    for spheres in (False, True):
        for seg, objs in by_seg.items():
            d = _root_distance(seg[0], seg[1], cache)
            out.extend(_Item(o, seg, d) for o in objs if isinstance(o, Sphere) == spheres)
    return out


def _voxelize_one(pack: Pack, item: _Item, grid_c, corners) -> tuple:
    objs, kids = pack.c_arrays()
    res = ffi.new("g3_result*")
    if corners is not None:
        pts = numpy.array([[float(v) for v in c[:3]] for c in corners[:4]])
        cptr = ffi.new("double[]", list(pts.ravel()))
        status = lib.g3_voxelize(objs, kids, pack.index(item.obj), grid_c, cptr, len(pts),
                                 0.0, 0.0, 0.0, options.ics_distance_threshold, res)
    else:
        x0, y0, z0 = starting_point(item.obj)
        status = lib.g3_voxelize(objs, kids, pack.index(item.obj), grid_c, ffi.NULL, 0,
                                 x0, y0, z0, options.ics_distance_threshold, res)
    try:
        if status != 0:
            raise RxDException("voxelization of %r failed (%s)" % (
                item.obj, "out of memory" if status == -1 else "inconsistent row ends"))
        yes = numpy.frombuffer(ffi.buffer(res.yes, 12 * res.nyes), dtype=numpy.int32)
        surf = numpy.frombuffer(ffi.buffer(res.surf, 12 * res.nsurf), dtype=numpy.int32)
        dist = numpy.frombuffer(ffi.buffer(res.dist, 64 * res.nsurf), dtype=numpy.float64)
        yes = [tuple(v) for v in yes.reshape(-1, 3).tolist()]
        surface = {}
        for v, dd in zip(surf.reshape(-1, 3).tolist(), dist.reshape(-1, 8).tolist()):
            surface[tuple(v)] = dd
        return yes, surface
    finally:
        lib.g3_result_free(res)


def voxelize(sections: list, dx: float) -> tuple:
    """(internal, surface, grid): internal {voxel: [volume, seg]}, surface {voxel: [volume,
    area, seg]} where seg is (section, segment index)."""
    grid = mesh_grid(sections, dx)
    geom = Geometry(sections)
    cache: dict = {}
    items = _items(geom, cache)
    pack = Pack()
    for it in items:
        pack.add(it.obj)
    grid_c = ffi.new("g3_grid*", grid)
    internal: Dict[Voxel, list] = {}
    surface_all: Dict[Voxel, list] = {}   # voxel -> [items, corner distances, owner item]
    for it in items:
        yes, surface = _voxelize_one(pack, it, grid_c, geom.corner_pts.get(id(it.obj)))
        for v in yes:
            if v in surface:
                continue
            known = internal.get(v)
            if known is None:
                internal[v] = [dx ** 3, it]
            elif it.nearer(known[1]):
                known[1] = it
        for v, dd in surface.items():
            known = surface_all.get(v)
            if known is None:
                surface_all[v] = [[it], dd, it]
            else:
                known[0].append(it)
                known[1] = [min(a, b) for a, b in zip(known[1], dd)]
                if it.nearer(known[2]):
                    known[2] = it
    for v in internal:
        surface_all.pop(v, None)
    threshold = options.ics_distance_threshold
    partial = []
    for v, (its, dd, owner) in surface_all.items():
        if all(d <= threshold for d in dd):
            internal[v] = [dx ** 3, owner]
        else:
            partial.append((v, its, owner))
    vols, areas = _partial_voxels(pack, grid_c, partial)
    surface: Dict[Voxel, list] = {}
    for (v, its, owner), vol, area in zip(partial, vols, areas):
        if area == 0:
            internal[v] = [dx ** 3, owner]
        else:
            surface[v] = [vol, area, owner]
    _open_faces(internal, surface, dx)
    seg_of = lambda it: it.seg
    return ({v: [vol, seg_of(it)] for v, (vol, it) in internal.items()},
            {v: [vol, area, seg_of(it)] for v, (vol, area, it) in surface.items()},
            grid)


def _partial_voxels(pack: Pack, grid_c, partial: list) -> tuple:
    n = len(partial)
    if n == 0:
        return [], []
    objs, kids = pack.c_arrays()
    vox = numpy.array([v for v, _, _ in partial], dtype=numpy.int32).ravel()
    start = [0]
    flat = []
    for _, its, _ in partial:
        flat.extend(pack.index(it.obj) for it in its)
        start.append(len(flat))
    start = numpy.array(start, dtype=numpy.int32)
    flat = numpy.array(flat, dtype=numpy.int32)
    vol = numpy.empty(n)
    area = numpy.empty(n)
    lib.g3_partial_voxels(objs, kids, grid_c, n, ffi.cast("int*", vox.ctypes.data),
                          ffi.cast("int*", start.ctypes.data), ffi.cast("int*", flat.ctypes.data),
                          options.ics_distance_threshold, options.ics_partial_volume_resolution,
                          options.ics_partial_surface_resolution,
                          ffi.cast("double*", vol.ctypes.data), ffi.cast("double*", area.ctypes.data))
    return vol.tolist(), area.tolist()


def _open_faces(internal: dict, surface: dict, dx: float) -> None:
    """Internal voxels with a missing neighbour are on the surface (area dx^2 per open face)."""
    def present(v):
        return v in surface or v in internal
    moved = []
    for v, (vol, it) in internal.items():
        i, j, k = v
        area = 0
        for nb in ((i + 1, j, k), (i - 1, j, k), (i, j + 1, k), (i, j - 1, k),
                   (i, j, k + 1), (i, j, k - 1)):
            if not present(nb):
                area += dx ** 2
        if area:
            surface[v] = [vol, area, it]
            moved.append(v)
    for v in moved:
        del internal[v]
