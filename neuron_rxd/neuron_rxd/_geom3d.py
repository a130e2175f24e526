"""Solid primitives of 3-D voxelization: planes, spheres, cylinders, frusta and their unions
and intersections, with signed distances (negative inside) evaluated in C.

The constructors derive their fields with exactly NEURON's floating-point operations, so that
voxel corners lying on a surface fall on the same side as in NEURON.
"""
from __future__ import annotations

import math
from typing import Dict, List, Optional, Sequence

import numpy

from ._solver import ffi, lib
from .rxdException import RxDException


class _Primitive:
    """Base: a list of clips (distance = max of own and clips' distances)."""

    kind = -1

    def __init__(self):
        self.clips: list = []

    def set_clip(self, clips: list) -> None:
        self.clips = list(clips)

    def get_clip(self) -> list:
        return self.clips

    def _params(self) -> Sequence[float]:
        raise NotImplementedError

    def _kids(self) -> list:
        return self.clips

    def distance(self, x: float, y: float, z: float) -> float:
        pack = Pack()
        i = pack.add(self)
        return pack.distance(i, x, y, z)


class Plane(_Primitive):
    """Half-space on the side of (nx, ny, nz) through the point (px, py, pz) is outside."""

    kind = lib.G3_PLANE

    def __init__(self, px, py, pz, nx, ny, nz):
        super().__init__()
        px, py, pz, nx, ny, nz = (float(v) for v in (px, py, pz, nx, ny, nz))
        self.px, self.py, self.pz = px, py, pz
        self.nx, self.ny, self.nz = nx, ny, nz
        self.d = -(nx * px + ny * py + nz * pz)
        self.mul = 1.0 / math.sqrt(nx * nx + ny * ny + nz * nz)

    def _params(self):
        return (self.nx, self.ny, self.nz, self.d, self.mul)

    def __repr__(self):
        return "Plane(%g, %g, %g, %g, %g, %g)" % (self.px, self.py, self.pz,
                                                  self.nx, self.ny, self.nz)


class Sphere(_Primitive):
    kind = lib.G3_SPHERE

    def __init__(self, x, y, z, r):
        super().__init__()
        self.x, self.y, self.z, self.r = float(x), float(y), float(z), float(r)

    def _params(self):
        return (self.x, self.y, self.z, self.r)

    def __repr__(self):
        return "Sphere(%g, %g, %g, %g)" % (self.x, self.y, self.z, self.r)


class Cylinder(_Primitive):
    kind = lib.G3_CYLINDER

    def __init__(self, x0, y0, z0, x1, y1, z1, r):
        super().__init__()
        x0, y0, z0, x1, y1, z1, r = (float(v) for v in (x0, y0, z0, x1, y1, z1, r))
        self._x0, self._y0, self._z0 = x0, y0, z0
        self._x1, self._y1, self._z1 = x1, y1, z1
        self._r0 = self._r1 = r
        self.cx, self.cy, self.cz = (x0 + x1) * 0.5, (y0 + y1) * 0.5, (z0 + z1) * 0.5
        ax, ay, az = x1 - x0, y1 - y0, z1 - z0
        self.axislength = math.sqrt(ax * ax + ay * ay + az * az)
        self.axis = (ax / self.axislength, ay / self.axislength, az / self.axislength)
        self.h = self.axislength * 0.5

    def _params(self):
        r = self._r0
        return (self.cx, self.cy, self.cz) + self.axis + (self.h, r, r * r)

    def __repr__(self):
        return "Cylinder(%g, %g, %g, %g, %g, %g, %g)" % (
            self._x0, self._y0, self._z0, self._x1, self._y1, self._z1, self._r0)


class Cone(_Primitive):
    """Frustum; stored with the larger radius first (its _x0.._r1 still give the points in
    the order they were passed)."""

    kind = lib.G3_CONE

    def __init__(self, x0, y0, z0, r0, x1, y1, z1, r1):
        super().__init__()
        x0, y0, z0, r0, x1, y1, z1, r1 = (float(v) for v in (x0, y0, z0, r0, x1, y1, z1, r1))
        self._x0, self._y0, self._z0, self._r0 = x0, y0, z0, r0
        self._x1, self._y1, self._z1, self._r1 = x1, y1, z1, r1
        if r1 > r0:
            x0, y0, z0, r0, x1, y1, z1, r1 = x1, y1, z1, r1, x0, y0, z0, r0
        if r0 < 0:
            raise RxDException("At least one Cone radius must be positive")
        if r1 < 0:
            # cut the frustum where its radius reaches zero (Python-level arithmetic)
            ax, ay, az = x1 - x0, y1 - y0, z1 - z0
            length = math.sqrt(ax ** 2 + ay ** 2 + az ** 2)
            ax /= length
            ay /= length
            az /= length
            f = r1 / (r1 - r0)
            x1 -= f * ax
            y1 -= f * ay
            z1 -= f * az
            r1 = 0.0
        self.x0, self.y0, self.z0, self.r0, self.r1 = x0, y0, z0, r0, r1
        ax, ay, az = x1 - x0, y1 - y0, z1 - z0
        self.length = math.sqrt(ax * ax + ay * ay + az * az)
        self.axisv = (ax / self.length, ay / self.length, az / self.length)
        self.conelength = math.sqrt((r1 - r0) * (r1 - r0) + self.length * self.length)
        self.side1 = (r1 - r0) / self.conelength
        self.side2 = self.length / self.conelength
        self.axislength = self.length

    def _params(self):
        return ((self.x0, self.y0, self.z0) + self.axisv +
                (self.length, self.r0, self.r0 * self.r0, self.r1 * self.r1,
                 self.conelength, self.side1, self.side2))

    def __repr__(self):
        return "Cone(%g, %g, %g, %g, %g, %g, %g, %g)" % (
            self._x0, self._y0, self._z0, self._r0, self._x1, self._y1, self._z1, self._r1)


class Union(_Primitive):
    kind = lib.G3_UNION

    def __init__(self, objects: list):
        super().__init__()
        self.objects = list(objects)

    def _params(self):
        return ()

    def _kids(self):
        return self.objects

    def __repr__(self):
        return "Union(%r)" % self.objects


class Intersection(Union):
    kind = lib.G3_INTERSECTION

    def __repr__(self):
        return "Intersection(%r)" % self.objects


class Pack:
    """Primitives (and everything they refer to) flattened for the C functions."""

    def __init__(self):
        self._ids: Dict[int, int] = {}
        self._objs: List[_Primitive] = []
        self._kids: List[List[int]] = []
        self._c = None

    def add(self, obj: _Primitive) -> int:
        key = id(obj)
        if key in self._ids:
            return self._ids[key]
        i = len(self._objs)
        self._ids[key] = i
        self._objs.append(obj)
        self._kids.append([])
        self._kids[i] = [self.add(k) for k in obj._kids()]
        self._c = None
        return i

    def index(self, obj: _Primitive) -> int:
        return self._ids[id(obj)]

    def c_arrays(self):
        """(g3_obj*, int*) for the C functions (built once per change)."""
        if self._c is None:
            n = len(self._objs)
            objs = ffi.new("g3_obj[]", max(n, 1))
            flat: List[int] = []
            for i, (o, kids) in enumerate(zip(self._objs, self._kids)):
                c = objs[i]
                c.kind = o.kind
                c.nkid = len(kids)
                c.kid0 = len(flat)
                flat.extend(kids)
                for k, v in enumerate(o._params()):
                    c.p[k] = v
            kids_c = ffi.new("int[]", flat or [0])
            self._c = (objs, kids_c)
        return self._c

    def distance(self, i: int, x: float, y: float, z: float) -> float:
        objs, kids = self.c_arrays()
        return lib.g3_distance(objs, kids, i, float(x), float(y), float(z))

    def distances(self, i: int, xyz: numpy.ndarray) -> numpy.ndarray:
        objs, kids = self.c_arrays()
        xyz = numpy.ascontiguousarray(xyz, dtype=float).reshape(-1, 3)
        out = numpy.empty(len(xyz))
        lib.g3_distances(objs, kids, i, len(xyz), ffi.cast("double*", xyz.ctypes.data),
                         ffi.cast("double*", out.ctypes.data))
        return out


def count_outside(obj: _Primitive, pts: list, err: float) -> int:
    """How many of the points lie farther than err outside obj."""
    pack = Pack()
    i = pack.add(obj)
    return sum(1 for p in pts if pack.distance(i, p[0], p[1], p[2]) > err)


def starting_point(obj: _Primitive) -> Optional[tuple]:
    """The point voxelization of obj starts from: a sphere's center, else its first point."""
    if isinstance(obj, Sphere):
        return (obj.x, obj.y, obj.z)
    return (obj._x0, obj._y0, obj._z0)
