"""Geometries of regions: what volume, membrane area and cross-section each 1-D node has.

All 1-D quantities come from the section's 3-D points (interpolated diameters along the arc
length; frustum volumes and lateral areas), as NEURON computes them; sections without 3-D
points use the points `define_shape` would give them.
"""
from __future__ import annotations

from typing import Callable, Tuple

import numpy

from .rxdException import RxDException


def _arc_diam(sec, diam_scale: float = 1.0) -> Tuple[numpy.ndarray, numpy.ndarray]:
    """(arc3d, diam3d) of a section's 3-D points (synthesized from L and diam if absent)."""
    from ._shape import shape_points
    arc, diam = shape_points(sec)
    return arc, diam * diam_scale


def _segment_points(arc: numpy.ndarray, lo: float, hi: float):
    inner = arc[(arc > lo) & (arc < hi)]
    return numpy.concatenate(([lo], inner, [hi]))


def _pieces(sec, diam_scale: float = 1.0):
    """The frusta of each segment: (segment index, length, d0, d1) of the pieces between the
    segment ends and the 3-D points strictly inside each segment."""
    arc, diam = _arc_diam(sec, diam_scale)
    n = sec.nseg
    dx = sec.L / n
    bounds = numpy.arange(n + 1) * dx
    seg_of = numpy.minimum((arc / dx).astype(int), n - 1)
    inside = (arc > bounds[seg_of]) & (arc < bounds[seg_of + 1])
    pos = numpy.concatenate((bounds, arc[inside]))
    owner = numpy.concatenate((numpy.arange(n + 1), seg_of[inside]))
    # sort by position; a segment's end point belongs to the next piece's start
    order = numpy.lexsort((owner, pos))
    pos, owner = pos[order], owner[order]
    d = numpy.interp(pos, arc, diam)
    seg = numpy.minimum(owner[:-1], n - 1)
    return seg, pos[1:] - pos[:-1], d[:-1], d[1:], n


def _volumes1d(sec) -> numpy.ndarray:
    """um3 of each segment: the sum of the frusta between 3-D points."""
    sec = getattr(sec, "_sec", sec)
    seg, length, d0, d1, n = _pieces(sec)
    return numpy.bincount(seg, weights=numpy.pi * length / 12.0 * (d0 * d0 + d0 * d1 + d1 * d1),
                          minlength=n)


def _make_surfacearea1d_function(scale: float, diam_scale: float = 1.0) -> Callable:
    def result(sec) -> numpy.ndarray:
        sec = getattr(sec, "_sec", sec)
        seg, length, d0, d1, n = _pieces(sec, diam_scale)
        return numpy.bincount(seg, weights=scale * 0.5 * (d0 + d1)
                              * numpy.sqrt(0.25 * (d0 - d1) ** 2 + length ** 2), minlength=n)
    return result


def _make_perimeter_function(scale: float, diam_scale: float = 1.0) -> Callable:
    def result(sec) -> numpy.ndarray:
        sec = getattr(sec, "_sec", sec)
        arc, diam = _arc_diam(sec, diam_scale)
        pos = numpy.linspace(0, sec.L, sec.nseg + 1)
        return scale * numpy.interp(pos, arc, diam)
    return result


_surface_areas1d = _make_surfacearea1d_function(numpy.pi)
_perimeter1d = _make_perimeter_function(numpy.pi)


def _neighbor_areas1d(sec) -> numpy.ndarray:
    """um2 cross sections at the nseg + 1 segment borders."""
    sec = getattr(sec, "_sec", sec)
    arc, diam = _arc_diam(sec)
    d = numpy.interp(numpy.linspace(0, sec.L, sec.nseg + 1), arc, diam)
    return numpy.pi * 0.25 * d ** 2


def constant_function_per_length(value: float) -> Callable:
    return lambda sec: numpy.full(sec.nseg, value * sec.L / sec.nseg)


def constant_everywhere_1d(value: float) -> Callable:
    return lambda sec: value * numpy.ones(sec.nseg)


def constant_everywhere_plus_one_1d(value: float) -> Callable:
    return lambda sec: value * numpy.ones(sec.nseg + 1)


def constant_function(value) -> Callable:
    return lambda *args, **kwargs: value


def scale_by_constant(scale: float, f: Callable) -> Callable:
    return lambda *args, **kwargs: scale * numpy.asarray(f(*args, **kwargs))


_always_true = constant_function(True)
_always_false = constant_function(False)
_always_0 = constant_function(0)


class RxDGeometry:
    """Base of geometries: 1-D volumes, membrane areas and neighbour cross sections."""

    def volumes1d(self, sec):
        raise RxDException("volume1d unimplemented")

    def surface_areas1d(self, sec):
        raise RxDException("surface_areas1d unimplemented")

    def neighbor_areas1d(self, sec):
        raise RxDException("neighbor_areas1d unimplemented")

    def is_volume(self):
        raise RxDException("is_volume unimplemented")

    def is_area(self):
        raise RxDException("is_area unimplemented")

    def __call__(self):
        """rxd.inside() is rxd.inside"""
        return self


class _Inside(RxDGeometry):
    """The whole cytosol."""

    neighbor_area_fraction = 1
    _scale_internal_volumes3d = 1
    _scale_surface_volumes3d = 1
    volumes1d = staticmethod(_volumes1d)
    surface_areas1d = staticmethod(_surface_areas1d)
    neighbor_areas1d = staticmethod(_neighbor_areas1d)
    is_volume = staticmethod(_always_true)
    is_area = staticmethod(_always_false)

    def volumes3d(self, source, dx=0.25, **kwargs):
        from ._voxelize import voxelize
        return voxelize(source, dx=dx)

    def __repr__(self):
        return "inside"


class _Membrane(RxDGeometry):
    """The plasma membrane: its "volume" is the membrane area."""

    volumes1d = staticmethod(_surface_areas1d)
    surface_areas1d = staticmethod(_always_0)
    neighbor_areas1d = staticmethod(_perimeter1d)
    is_volume = staticmethod(_always_false)
    is_area = staticmethod(_always_true)

    def __repr__(self):
        return "membrane"


inside = _Inside()
membrane = _Membrane()


class DistributedBoundary(RxDGeometry):
    """A boundary whose area scales with the volume containing it (area_per_vol um2/um3);
    perim_per_area um per um2 of cross section (needed only for diffusion)."""

    def __init__(self, area_per_vol: float, perim_per_area: float = 0):
        self._area_per_vol = area_per_vol
        self._perim_per_area = perim_per_area
        self._scale_internal_volumes3d = area_per_vol
        self._scale_surface_volumes3d = area_per_vol
        self.surface_areas1d = _always_0
        self.neighbor_areas1d = scale_by_constant(perim_per_area, _neighbor_areas1d)
        self.volumes1d = scale_by_constant(area_per_vol, _volumes1d)
        self.is_volume = _always_false
        self.is_area = _always_true

    @property
    def neighbor_area_fraction(self):
        return self._perim_per_area

    def volumes3d(self, source, dx=0.25, **kwargs):
        from ._voxelize import voxelize
        internal, surface, mesh = voxelize(source, dx=dx)
        for table in (internal, surface):
            for key in table:
                table[key][0] *= self._area_per_vol
        return internal, surface, mesh

    def __repr__(self):
        if self._perim_per_area == 0:
            return "DistributedBoundary(%g)" % self._area_per_vol
        return "DistributedBoundary(%g, perim_per_area=%g)" % (self._area_per_vol, self._perim_per_area)


class FractionalVolume(RxDGeometry):
    """A fraction of the cytosol (e.g. the ER): volume_fraction of the volume,
    surface_fraction of the membrane, neighbor_areas_fraction of the cross sections."""

    def __init__(self, volume_fraction: float = 1, surface_fraction: float = 0,
                 neighbor_areas_fraction=None):
        if neighbor_areas_fraction is None:
            neighbor_areas_fraction = volume_fraction
        if surface_fraction == 0:
            self.surface_areas1d = _always_0
        elif surface_fraction == 1:
            self.surface_areas1d = _surface_areas1d
        else:
            self.surface_areas1d = scale_by_constant(surface_fraction, _surface_areas1d)
        self.neighbor_areas1d = scale_by_constant(neighbor_areas_fraction, _neighbor_areas1d)
        self.volumes1d = scale_by_constant(volume_fraction, _volumes1d)
        self.is_volume = _always_true
        self.is_area = _always_false
        self._volume_fraction = volume_fraction
        self._scale_internal_volumes3d = volume_fraction
        self._scale_surface_volumes3d = volume_fraction
        self._surface_fraction = surface_fraction
        self._neighbor_areas_fraction = neighbor_areas_fraction
        self.neighbor_area_fraction = neighbor_areas_fraction

    def volumes3d(self, source, dx=0.25, **kwargs):
        from ._voxelize import voxelize
        internal, surface, mesh = voxelize(source, dx=dx)
        for table in (internal, surface):
            for key in table:
                table[key][0] *= self._volume_fraction
        return internal, surface, mesh

    def __repr__(self):
        return ("FractionalVolume(volume_fraction=%r, surface_fraction=%r, neighbor_areas_fraction=%r)"
                % (self._volume_fraction, self._surface_fraction, self._neighbor_areas_fraction))


class FixedCrossSection(RxDGeometry):
    """A constant cross section (um2) along the sections, surface_area um2 per um."""

    def __init__(self, cross_area: float, surface_area: float = 0):
        self.volumes1d = constant_function_per_length(cross_area)
        self.surface_areas1d = constant_function_per_length(surface_area)
        self.is_volume = _always_true
        self.is_area = _always_false
        self.neighbor_areas1d = constant_everywhere_plus_one_1d(cross_area)
        self._cross_area = cross_area
        self._surface_area = surface_area

    def __repr__(self):
        return "FixedCrossSection(%r, surface_area=%r)" % (self._cross_area, self._surface_area)


class FixedPerimeter(RxDGeometry):
    """A membrane-like region of constant perimeter (um); on_cell_surface says whether its
    area takes the ion currents."""

    def __init__(self, perimeter: float, on_cell_surface: bool = False):
        self.volumes1d = constant_function_per_length(perimeter)
        self.surface_areas1d = self.volumes1d if on_cell_surface else _always_0
        self._perim = perimeter
        self.is_volume = _always_false
        self.is_area = _always_true
        self._on_surface = on_cell_surface

    def neighbor_areas1d(self, sec):
        return [self._perim] * (sec.nseg + 1)

    def __repr__(self):
        return "FixedPerimeter(%r, on_cell_surface=%r)" % (self._perim, self._on_surface)


class ScalableBorder(RxDGeometry):
    """A membrane whose area scales with the diameter: scale * diam * length (default
    scale = pi, the plasma membrane), or the membrane of diam_scale times the diameter."""

    def __init__(self, scale=None, diam_scale=None, on_cell_surface: bool = False):
        if scale is not None and diam_scale is not None:
            raise RxDException("ScalableBorder either provide scale or diam_scale, not both")
        self._scale = numpy.pi if scale is None else scale
        self._diam_scale = 1.0 if diam_scale is None else diam_scale
        self.volumes1d = _make_surfacearea1d_function(self._scale, self._diam_scale)
        self.surface_areas1d = self.volumes1d if on_cell_surface else _always_0
        self.neighbor_areas1d = _make_perimeter_function(self._scale, self._diam_scale)
        self._on_surface = on_cell_surface
        self.is_volume = _always_false
        self.is_area = _always_true

    def __repr__(self):
        return "ScalableBorder(%r, on_cell_surface=%r)" % (self._scale, self._on_surface)


class Shell(RxDGeometry):
    """A radial shell between lo and hi, fractions of the diameter (it takes the membrane
    currents when one of its faces is the membrane, lo or hi = 1)."""

    def __init__(self, lo=None, hi=None):
        if lo is None or hi is None:
            raise RxDException("only Shells with a lo and hi are supported for now")
        if lo > hi:
            lo, hi = hi, lo
        if lo == hi:
            raise RxDException("Shell objects must have thickness")
        if lo < 1 < hi:
            raise RxDException("shells may not cross the membrane; i.e. 1 cannot lie strictly "
                               "between lo and hi")
        self._lo, self._hi = lo, hi
        self.surface_areas1d = _surface_areas1d if (lo == 1 or hi == 1) else _always_0

    def __repr__(self):
        return "Shell(lo=%r, hi=%r)" % (self._lo, self._hi)

    def is_volume(self):
        return True

    def is_area(self):
        return False

    def neighbor_areas1d(self, sec):
        sec = getattr(sec, "_sec", sec)
        arc, diam = _arc_diam(sec)
        d = numpy.interp(numpy.linspace(0, sec.L, sec.nseg + 1), arc, diam)
        return numpy.pi * 0.25 * ((d * self._hi) ** 2 - (d * self._lo) ** 2)

    def volumes1d(self, sec):
        sec = getattr(sec, "_sec", sec)
        arc, diam = _arc_diam(sec)
        n = sec.nseg
        dx = sec.L / n
        vols = numpy.zeros(n)
        for i in range(n):
            pts = _segment_points(arc, i * dx, (i + 1) * dx)
            d = numpy.interp(pts, arc, diam)
            h0, h1 = self._hi * d[:-1], self._hi * d[1:]
            l0, l1 = self._lo * d[:-1], self._lo * d[1:]
            vols[i] = numpy.sum(numpy.pi * (pts[1:] - pts[:-1]) / 12.0
                                * ((h0 ** 2 + h0 * h1 + h1 ** 2) - (l0 ** 2 + l0 * l1 + l1 ** 2)))
        return vols


class MultipleGeometry(RxDGeometry):
    """Different geometries on different sections of one region:
    MultipleGeometry(secs=[dend, [spine1, spine2], None], geos=[Shell(0.8, 1), inside, g])
    (None marks the default geometry); all volumes or all areas."""

    def __init__(self, secs=None, geos=None):
        self._secs = []
        self._default = None
        if not secs:
            if isinstance(geos, list):
                self._default = geos[0]
            elif isinstance(geos, RxDGeometry):
                self._default = geos
            else:
                raise RxDException("MultipleGeometry requires a list-of-lists of sections and "
                                   "their corresponding geometry")
            self.is_area, self.is_volume = self._default.is_area, self._default.is_volume
            return
        if len(secs) != len(geos):
            raise RxDException("MultipleGeometry: secs and geos must have the same length")
        if all(g.is_area() for g in geos):
            self.is_area, self.is_volume = _always_true, _always_false
        elif all(g.is_volume() for g in geos):
            self.is_area, self.is_volume = _always_false, _always_true
        else:
            raise RxDException("MultipleGeometry requires all geometries are areas or all "
                               "geometries are volumes")
        for s, g in zip(secs, geos):
            if not s:
                self._default = g
            else:
                self._secs.append((list(s) if isinstance(s, (list, tuple)) else [s], g))

    def __repr__(self):
        return "MultipleGeometry(secs=%r, geos=%r)" % ([sl for sl, _ in self._secs],
                                                      [g for _, g in self._secs])

    def _get_geo(self, sec):
        sec = getattr(sec, "_sec", sec)
        for sl, g in self._secs:
            if any(sec is x for x in sl):
                return g
        if self._default is not None:
            return self._default
        raise RxDException("MultipleGeometry is not defined on section %r" % (sec,))

    def volumes1d(self, sec):
        return self._get_geo(sec).volumes1d(sec)

    def surface_areas1d(self, sec):
        return self._get_geo(sec).surface_areas1d(sec)

    def neighbor_areas1d(self, sec):
        return self._get_geo(sec).neighbor_areas1d(sec)
