"""Constructive neuronal geometry: sections as solids for 3-D voxelization.

Each section becomes one frustum (or cylinder) per piece between 3-D points and segment
boundaries; where pieces meet at an angle, clipped spheres fill the join, and pieces that
overlap too much are clipped.  The vector arithmetic uses numpy exactly as NEURON's geometry
does (the joins decide voxel membership at the surface).
"""
from __future__ import annotations

import itertools
from typing import Dict, List, Optional, Tuple

import numpy
from numpy import linalg

from ._geom3d import Cone, Cylinder, Intersection, Plane, Sphere, Union, count_outside


def _infinite_cones(x0, y0, z0, r0, x1, y1, z1, r1, x2, y2, z2, r2):
    """The two pieces meeting at point 1, extended through it (radii clamped at zero)."""
    axis = numpy.array([x2 - x1, y2 - y1, z2 - z1])
    naxis = numpy.array([x1 - x0, y1 - y0, z1 - z0])
    deltar = r2 - r1
    deltanr = r1 - r0
    deltar /= linalg.norm(axis)
    deltanr /= linalg.norm(naxis)
    axis /= linalg.norm(axis)
    naxis /= linalg.norm(naxis)
    offset0, offset1, offset1b, offset2 = r0, r1, r1, r2
    if r0 - deltanr * offset0 < 0:
        offset0 = r0 / deltanr
    if r1 + deltanr * offset1 < 0:
        offset1 = -r1 / deltanr
    if r1 - deltar * offset1b < 0:
        offset1b = r1 / deltar
    if r2 + deltar * offset2 < 0:
        offset2 = -r2 / deltar
    n0, n1, n2 = float(naxis[0]), float(naxis[1]), float(naxis[2])
    a0, a1, a2 = float(axis[0]), float(axis[1]), float(axis[2])
    c0 = Cone(x0 - n0 * offset0, y0 - n1 * offset0, z0 - n2 * offset0, r0 - deltanr * offset0,
              x1 + n0 * offset1, y1 + n1 * offset1, z1 + n2 * offset1, r1 + deltanr * offset1)
    c1 = Cone(x1 - a0 * offset1b, y1 - a1 * offset1b, z1 - a2 * offset1b, r1 - deltar * offset1b,
              x2 + a0 * offset2, y2 + a1 * offset2, z2 + a2 * offset2, r2 + deltar * offset2)
    return c0, c1


def _join_outside(x0, y0, z0, r0, x1, y1, z1, r1, x2, y2, z2, r2, tol) -> Sphere:
    """A sphere at the join clipped to the extended pieces (or less, where that would cut
    off the pieces' rims)."""
    c0, c1 = _infinite_cones(x0, y0, z0, r0, x1, y1, z1, r1, x2, y2, z2, r2)
    axis = numpy.array([x2 - x1, y2 - y1, z2 - z1])
    naxis = numpy.array([x1 - x0, y1 - y0, z1 - z0])
    axis /= linalg.norm(axis)
    naxis /= linalg.norm(naxis)
    sp = Sphere(x1, y1, z1, r1)
    sp.set_clip([Intersection([c0, c1])])
    plane_normal = numpy.cross(axis, naxis)
    radial_vec = numpy.cross(plane_normal, axis)
    nradial_vec = numpy.cross(plane_normal, naxis)
    radial_vec /= linalg.norm(radial_vec)
    nradial_vec /= linalg.norm(nradial_vec)
    pt1 = numpy.array([x1, y1, z1])
    left = 2 - count_outside(sp, [pt1 + r1 * nradial_vec, pt1 - r1 * nradial_vec], tol * 0.5)
    right = 2 - count_outside(sp, [pt1 + r1 * radial_vec, pt1 - r1 * radial_vec], tol * 0.5)
    planes = [Plane(x1, y1, z1, axis[0], axis[1], axis[2]),
              Plane(x1, y1, z1, -naxis[0], -naxis[1], -naxis[2])]
    if left == 2 and right == 2:
        sp.set_clip([Intersection([c0, c1] + planes)])
    elif left < 2 and right == 2:
        sp.set_clip([Intersection([c0] + planes)])
    elif left == 2 and right < 2:
        sp.set_clip([Intersection([c1] + planes)])
    else:
        sp.set_clip([Intersection(planes)])
    return sp


def _section_pieces(branch, rng):
    """Points of one section split at segment boundaries, and the segment of each piece."""
    arc3d = [branch.arc3d(i) for i in rng]
    diam3d = [branch.diam3d(i) for i in rng]
    x3d = [branch.x3d(i) for i in rng]
    y3d = [branch.y3d(i) for i in rng]
    z3d = [branch.z3d(i) for i in rng]
    x = numpy.array([])
    y = numpy.array([])
    z = numpy.array([])
    d = numpy.array([])
    owner = {}
    nseg = branch.nseg
    seglen = branch.L / nseg
    for iseg in range(nseg):
        lo = iseg * seglen
        hi = (iseg + 1) * seglen
        pts = [lo] + [arc for arc in arc3d if lo < arc < hi] + [hi]
        diams = numpy.interp(pts, arc3d, diam3d)
        xc = numpy.interp(pts, arc3d, x3d)
        yc = numpy.interp(pts, arc3d, y3d)
        zc = numpy.interp(pts, arc3d, z3d)
        end = len(pts) if iseg == nseg - 1 else len(pts) - 1
        x = numpy.append(x, xc[0:end])
        y = numpy.append(y, yc[0:end])
        z = numpy.append(z, zc[0:end])
        d = numpy.append(d, diams[0:end])
        for i in range(len(pts) - 1):
            owner[(xc[i], yc[i], zc[i], xc[i + 1], yc[i + 1], zc[i + 1])] = (branch, iseg)
    return x, y, z, d, owner, seglen


class Geometry:
    """The primitives of a set of sections (NEURON's constructive_neuronal_geometry)."""

    def __init__(self, sections: list, relevant_pts: Optional[list] = None):
        self.objects: list = []             # join primitives
        self.cones: list = []               # one per piece
        self.segment_of: Dict[tuple, tuple] = {}   # piece end points -> (section, iseg)
        self.join_groups: List[list] = []
        self.corner_pts: Dict[int, list] = {}      # id(join primitive) -> start points
        self._build(sections, relevant_pts)

    def _build(self, sections, relevant_pts) -> None:
        corrections: Dict = {None: None}
        seglen = None
        while corrections:
            all_cones = []
            pts_cones: Dict[tuple, list] = {}
            diam_db: Dict[tuple, list] = {}
            for k, branch in enumerate(sections):
                rng = relevant_pts[k] if relevant_pts else range(branch.n3d())
                x, y, z, d, owner, seglen = _section_pieces(branch, rng)
                self.segment_of.update(owner)
                for i in range(len(x) - 1):
                    d0, d1 = d[i:i + 2]
                    if x[i] != x[i + 1] or y[i] != y[i + 1] or z[i] != z[i + 1]:
                        p0 = (float(x[i]), float(y[i]), float(z[i]))
                        p1 = (float(x[i + 1]), float(y[i + 1]), float(z[i + 1]))
                        if p0 in corrections:
                            d0 = corrections[p0]
                        if p1 in corrections:
                            d1 = corrections[p1]
                        if d0 != d1:
                            c = Cone(*p0, d0 * 0.5, *p1, d1 * 0.5)
                        else:
                            c = Cylinder(*p0, *p1, d1 * 0.5)
                        all_cones.append(c)
                        pts_cones.setdefault(p0, []).append(c)
                        pts_cones.setdefault(p1, []).append(c)
                        diam_db.setdefault(p0, []).append(d0)
                        diam_db.setdefault(p1, []).append(d1)
            # at a join every piece takes the largest diameter present there
            corrections = {pt: max(v) for pt, v in diam_db.items() if max(v) != min(v)}
        self.cones = all_cones
        self._joins(all_cones, pts_cones, seglen)

    def _joins(self, all_cones, pts_cones, tol) -> None:
        clip_db = {id(c): [] for c in all_cones}
        for cone in all_cones:
            group = []
            x1, y1, z1, r1 = cone._x0, cone._y0, cone._z0, cone._r0
            x2, y2, z2, r2 = cone._x1, cone._y1, cone._z1, cone._r1
            pt1 = numpy.array([x1, y1, z1])
            pt2 = numpy.array([x2, y2, z2])
            axis = (pt2 - pt1) / linalg.norm(pt2 - pt1)
            left = [c for c in pts_cones[(x1, y1, z1)]]
            right = [c for c in pts_cones[(x2, y2, z2)]]
            left.remove(cone)
            right.remove(cone)
            if not left:
                left = [None]
            else:
                group.append(cone)
                group.extend(left)
            if not right:
                right = [None]
            for nleft, nright in itertools.product(left, right):
                clips = []
                if nleft is not None:
                    self._left_join(cone, nleft, axis, pt1, group, clips, tol)
                if nright is not None:
                    self._right_clip(cone, nright, axis, pt2, clips)
                if clips:
                    clip_db[id(cone)].append(Intersection(clips))
            if group:
                self.join_groups.append(group)
        for cone in all_cones:
            clip = clip_db[id(cone)]
            if clip:
                cone.set_clip([Union(clip)])

    def _add(self, obj, group, corners=None) -> None:
        self.objects.append(obj)
        group.append(obj)
        if corners is not None:
            self.corner_pts[id(obj)] = corners

    def _left_join(self, cone, nb, axis, pt1, group, clips, tol) -> None:
        x1, y1, z1, r1 = cone._x0, cone._y0, cone._z0, cone._r0
        x2, y2, z2, r2 = cone._x1, cone._y1, cone._z1, cone._r1
        x0, y0, z0, r0 = nb._x0, nb._y0, nb._z0, nb._r0
        if x0 == x1 and y0 == y1 and z0 == z1:
            x0, y0, z0, r0 = nb._x1, nb._y1, nb._z1, nb._r1
        pt0 = numpy.array([x0, y0, z0])
        naxis = (pt1 - pt0) / linalg.norm(pt1 - pt0)
        if all(axis == naxis):
            sp = Sphere(x1, y1, z1, r1)
            c0, c1 = _infinite_cones(x0, y0, z0, r0, x1, y1, z1, r1, x2, y2, z2, r2)
            sp.set_clip([c0, c1, Plane(x0, y0, z0, -naxis[0], -naxis[1], -naxis[2]),
                         Plane(x2, y2, z2, axis[0], axis[1], axis[2])])
            self._add(sp, group)
            return
        if r0 == r1 == r2:
            sp = Sphere(x1, y1, z1, r1)
            c0, c1 = _infinite_cones(x0, y0, z0, r0, x1, y1, z1, r1, x2, y2, z2, r2)
            sp.set_clip([Intersection([c0, c1, Plane(x0, y0, z0, -naxis[0], -naxis[1], -naxis[2]),
                                       Plane(x2, y2, z2, axis[0], axis[1], axis[2])])])
            self._add(sp, group)
            return
        sharp = numpy.dot(axis, naxis) < 0
        plane_normal = numpy.cross(axis, naxis)
        radial_vec = numpy.cross(plane_normal, axis)
        nradial_vec = numpy.cross(plane_normal, naxis)
        radial_vec /= linalg.norm(radial_vec)
        nradial_vec /= linalg.norm(nradial_vec)
        corners = [pt1 + r1 * radial_vec, pt1 - r1 * radial_vec,
                   pt1 + r1 * nradial_vec, pt1 - r1 * nradial_vec]
        mine = count_outside(nb, corners[0:2], 0)
        count = mine + count_outside(cone, corners[2:4], 0)
        args = (x0, y0, z0, r0, x1, y1, z1, r1, x2, y2, z2, r2, tol)
        if count == 2:
            self._add(_join_outside(*args), group, corners)
        elif count == 3:
            sp = Sphere(x1, y1, z1, r1)
            if sharp:
                if mine == 1:
                    sp.set_clip([Plane(x1, y1, z1, -naxis[0], -naxis[1], -naxis[2])])
                else:
                    sp.set_clip([Plane(x1, y1, z1, axis[0], axis[1], axis[2])])
                self._add(sp, group, corners)
            else:
                self._add(_join_outside(*args), group, corners)
                sp.set_clip([Plane(x0, y0, z0, -axis[0], -axis[1], -axis[2]),
                             Plane(x2, y2, z2, naxis[0], naxis[1], naxis[2])])
                self._add(sp, group, corners)
        elif count == 4:
            if sharp:
                sp = Sphere(x1, y1, z1, r1)
                sp.set_clip([Union([Plane(x1, y1, z1, axis[0], axis[1], axis[2]),
                                    Plane(x1, y1, z1, -naxis[0], -naxis[1], -naxis[2])])])
                self._add(sp, group, corners)
            else:
                self._add(_join_outside(*args), group, corners)
                clips.append(Union([Plane(x1, y1, z1, -naxis[0], -naxis[1], -naxis[2]),
                                    Plane(x0, y0, z0, axis[0], axis[1], axis[2])]))

    @staticmethod
    def _right_clip(cone, nb, axis, pt2, clips) -> None:
        x2, y2, z2, r2 = cone._x1, cone._y1, cone._z1, cone._r1
        x3, y3, z3, r3 = nb._x0, nb._y0, nb._z0, nb._r0
        if x2 == x3 and y2 == y3 and z2 == z3:
            x3, y3, z3, r3 = nb._x1, nb._y1, nb._z1, nb._r1
        pt3 = numpy.array([x3, y3, z3])
        naxis = (pt3 - pt2) / linalg.norm(pt3 - pt2)
        if not any(axis != naxis):
            return
        plane_normal = numpy.cross(axis, naxis)
        radial_vec = numpy.cross(plane_normal, axis)
        norm = linalg.norm(radial_vec)
        if not norm:
            return
        sharp = numpy.dot(axis, naxis) < 0
        nradial_vec = numpy.cross(plane_normal, naxis)
        radial_vec /= norm
        nradial_vec /= linalg.norm(nradial_vec)
        mine = count_outside(nb, [pt2 + r2 * radial_vec, pt2 - r2 * radial_vec], 0)
        count = mine + count_outside(cone, [pt2 + r2 * nradial_vec, pt2 - r2 * nradial_vec], 0)
        if count == 4 and not sharp:
            if r2 == r3:
                neighbor = Cylinder(x2, y2, z2, x3, y3, z3, r3)
            else:
                neighbor = Cone(x2, y2, z2, r2, x3, y3, z3, r3)
            clips.append(Union([Plane(x2, y2, z2, naxis[0], naxis[1], naxis[2]), neighbor]))
