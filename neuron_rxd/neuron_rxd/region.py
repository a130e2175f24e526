"""Regions: where species live.  `Region` is a conceptual part of cells (cytosol, ER,
membrane) on a set of sections; `Extracellular` is a Cartesian grid around them.

`_all_regions` (weak references, creation order) and `_region_count` are module state that
tools reset between models.
"""
from __future__ import annotations

import math
import warnings
import weakref

import numpy

from . import geometry as geo
from . import initializer
from .rxdException import RxDException

_all_regions: list = []
_region_count = 0
_c_region_lookup = None


def _sort_secs(secs) -> list:
    from ._topology import sort_sections
    return sort_sections(secs)


def _check_sections(secs, what: str) -> list:
    from neuron_core import Section
    out = []
    for sec in secs:
        if not isinstance(sec, Section):
            raise RxDException("Error: %s 'secs' must be a list of NEURON sections, %r is not a "
                               "valid NEURON section." % (what, sec))
        out.append(sec)
    return out


class Region:
    """Region(secs, nrn_region=None, geometry=inside, dx=None, name=None)

    nrn_region 'i' or 'o' links species of this region to the engine's ion concentrations
    (cai / cao) and currents; dx is the voxel size of sections solved in 3-D."""

    def __init__(self, secs=None, nrn_region=None, geometry=None, dx=None, name=None):
        self._allow_setting = True
        if secs is None:
            secs = []
        elif not hasattr(secs, "__iter__"):
            secs = [secs]
        secs = list(secs)
        if not secs:
            warnings.warn("Warning: No sections. Region 'secs' should be a list of NEURON sections.")
        self._secs = _check_sections(secs, "Region")
        self.geometry = geometry
        self._name = name
        self.nrn_region = nrn_region
        if dx is not None:
            try:
                dx = float(dx)
            except (TypeError, ValueError):
                dx = -1
            if not dx > 0:
                raise RxDException("Region %r: dx must be a positive real number or None" % (name,))
        self.dx = dx
        self._secs1d = []
        self._secs3d = []
        _all_regions.append(weakref.ref(self))
        from . import rxd
        rxd._invalidate()

    def __repr__(self):
        return "Region(..., nrn_region=%r, geometry=%r, dx=%r, name=%r)" % (
            self.nrn_region, self._geometry, self.dx, self._name)

    def _short_repr(self):
        return str(self._name) if self._name is not None else repr(self)

    def __contains__(self, item):
        return getattr(item, "region", None) is self

    def _do_init(self) -> None:
        """Split the sections into 1-D and 3-D (see set_solve_type), in NEURON's order."""
        global _region_count
        if hasattr(self, "_allow_setting"):
            del self._allow_setting
            self._id = _region_count
            _region_count += 1
        from . import rxd
        if self.dx is None:
            self.dx = 0.25
        live = [s for s in self._secs if not getattr(s, "_deleted", False)]
        ordered = _sort_secs(live)
        self._secs1d = [s for s in ordered if rxd._domain_lookup(s) == 1]
        # 3-D sections keep the order they were given in (it decides voxel ownership ties)
        seen = set()
        self._secs3d = []
        for s in live:
            if id(s) not in seen and rxd._domain_lookup(s) == 3:
                seen.add(id(s))
                self._secs3d.append(s)
        if self._secs3d:
            self._check_not_hybrid()
            if not hasattr(self._geometry, "volumes3d"):
                raise RxDException("selected geometry (%r) of %r does not support 3d mode"
                                   % (self._geometry, self))
            if self._nrn_region == "o":
                raise RxDException('%r: 3d simulations do not support nrn_region="o" yet' % (self,))
            from . import dimension3
            dimension3.voxelize_region(self)

    def _check_not_hybrid(self) -> None:
        """Sections solved in 1-D and in 3-D may not be connected within one region."""
        ids1 = {id(s) for s in self._secs1d}
        ids3 = {id(s) for s in self._secs3d}
        for sec in self._secs1d + self._secs3d:
            parent = sec.parentseg()
            if parent is None:
                continue
            p = id(parent.sec)
            if (id(sec) in ids1 and p in ids3) or (id(sec) in ids3 and p in ids1):
                raise RxDException("%r: section %s (%d-D) is connected to %s (%d-D); hybrid "
                                   "1-D/3-D models are not supported"
                                   % (self, sec.name(), 1 if id(sec) in ids1 else 3,
                                      parent.sec.name(), 1 if p in ids1 else 3))

    def volume(self, index=None) -> float:
        """um3 of the 3-D voxel at index, or of the whole region (None)."""
        from . import rxd
        rxd._ensure_setup()
        if index is None:
            vol = 0.0
            if self._secs3d:
                vol += float(numpy.sum(self._vol))
            for sec in self._secs1d:
                vol += float(numpy.sum(self._geometry.volumes1d(sec)))
            return vol
        return float(self._vol[index])

    # --------------------------------------------------------------- properties

    def _check_setting(self, what: str) -> None:
        if not hasattr(self, "_allow_setting"):
            raise RxDException("Cannot set %s now; model already instantiated" % what)

    @property
    def nrn_region(self):
        """'i' (just inside the membrane), 'o' (just outside) or None."""
        return self._nrn_region

    @nrn_region.setter
    def nrn_region(self, value):
        self._check_setting("nrn_region")
        if value not in (None, "i", "o"):
            raise RxDException('nrn_region must be one of: None, "i", "o" (got %r)' % (value,))
        self._nrn_region = value
        if (value == "i" and isinstance(self._geometry, geo.FractionalVolume)
                and self._geometry._surface_fraction == 0):
            warnings.warn('%s is in the "i" region with a surface_fraction of 0 and will not have '
                          'currents added' % (self._name,))

    @property
    def geometry(self):
        return self._geometry

    @geometry.setter
    def geometry(self, value):
        self._check_setting("geometry")
        self._geometry = geo.inside if value is None else value

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, value):
        self._name = value

    @property
    def secs(self) -> list:
        """A copy of the sections of the region."""
        return list(self._secs)

    @secs.setter
    def secs(self, value):
        self._check_setting("secs")
        if not hasattr(value, "__iter__"):
            value = [value]
        self._secs = _check_sections(list(value), "Region")

    @property
    def _semi_compile(self) -> str:
        return "r%d" % self._id

    def mesh_eval(self) -> dict:
        from . import species
        for ref in species._all_species:
            sp = ref()
            if sp is not None and self in sp.regions:
                break
        else:
            return {"instantiated": False}
        total = sum(sec.nseg for sec in self._secs3d)
        segs = {nd.segment for nd in sp.nodes if nd.surface_area}
        return {"instantiated": True, "3dsegswithoutsurface": len(segs) - total}


class Extracellular:
    """Extracellular(xlo, ylo, zlo, xhi, yhi, zhi, dx, volume_fraction=1, tortuosity=None,
    permeability=None)

    A box of voxels of size dx (a number or (dx, dy, dz)) around the cells, zero-flux
    boundaries unless a species sets ecs_boundary_conditions.  The free volume fraction
    (alpha) and tortuosity (lambda; effective D = d / lambda^2 = d * permeability) may be
    numbers, arrays of the grid's shape, or functions of (x, y, z)."""

    def __init__(self, xlo, ylo, zlo, xhi, yhi, zhi, dx, volume_fraction=1, tortuosity=None,
                 permeability=None):
        from . import options
        if not options.enable.extracellular:
            raise RxDException("Extracellular diffusion support is disabled. Override with "
                               "rxd.options.enable.extracellular = True.")
        self._xlo, self._ylo, self._zlo = xlo, ylo, zlo
        if not hasattr(dx, "__len__"):
            dx = (dx, dx, dx)
        elif len(dx) != 3:
            raise RxDException("Extracellular region dx=%r is invalid, dx should be a number or a "
                               "tuple (dx,dy,dz) for the length, width and height of the voxels" % (dx,))
        try:
            dx = tuple(float(v) for v in dx)
        except (TypeError, ValueError):
            raise RxDException("Extracellular region dx=%r is invalid: not numbers" % (dx,)) from None
        if not all(v > 0 for v in dx):
            raise RxDException("Extracellular region dx=%r is invalid: voxel sizes must be positive"
                               % (dx,))
        for lo, hi, axis in ((xlo, xhi, "x"), (ylo, yhi, "y"), (zlo, zhi, "z")):
            if not hi > lo:
                raise RxDException("Extracellular region: %shi=%r must exceed %slo=%r"
                                   % (axis, hi, axis, lo))
        self._dx = dx
        self._nx = int(math.ceil(float(xhi - xlo) / dx[0]))
        self._ny = int(math.ceil(float(yhi - ylo) / dx[1]))
        self._nz = int(math.ceil(float(zhi - zlo) / dx[2]))
        self._xhi = xlo + dx[0] * self._nx
        self._yhi = ylo + dx[1] * self._ny
        self._zhi = zlo + dx[2] * self._nz
        self._alpha = self._parse_field(volume_fraction, "volume_fraction")
        if tortuosity is not None and permeability is not None:
            raise RxDException("Specify either permeability or tortuosity, not both; "
                               "permeability=1/tortuosity**2")
        if permeability is None:
            tort = self._parse_field(1.0 if tortuosity is None else tortuosity, "tortuosity")
            self._tortuosity = tort
            self._permeability = tort ** -2.0
        else:
            self._permeability = self._parse_field(permeability, "permeability")
        self._id = None
        _all_regions.append(weakref.ref(self))
        from . import rxd
        rxd._invalidate()

    def _parse_field(self, value, what: str):
        """A number, or an array of the grid's shape (from an array or f(x, y, z) at voxel
        corners, as NEURON samples it)."""
        if numpy.isscalar(value):
            value = float(value)
            if not value > 0:
                raise RxDException("Extracellular %s must be positive, got %r" % (what, value))
            return value
        shape = (self._nx, self._ny, self._nz)
        if callable(value):
            arr = numpy.empty(shape)
            for i in range(self._nx):
                for j in range(self._ny):
                    for k in range(self._nz):
                        arr[i, j, k] = value(self._xlo + i * self._dx[0], self._ylo + j * self._dx[1],
                                             self._zlo + k * self._dx[2])
        else:
            arr = numpy.array(value, dtype=float)
            if arr.shape != shape:
                raise RxDException("%s must be a scalar, a function of the (x,y,z) location or an "
                                   "array the same size as the grid: %dx%dx%d" % ((what,) + shape))
        if not numpy.all(arr > 0):
            raise RxDException("Extracellular %s must be positive everywhere" % what)
        return arr

    def __repr__(self):
        return ("Extracellular(xlo=%r, ylo=%r, zlo=%r, xhi=%r, yhi=%r, zhi=%r, tortuosity=%r, "
                "volume_fraction=%r)" % (self._xlo, self._ylo, self._zlo, self._xhi, self._yhi,
                                         self._zhi, self.tortuosity, self.alpha))

    def _short_repr(self):
        return "Extracellular"

    def _do_init(self) -> None:
        global _region_count
        if self._id is None:
            self._id = _region_count
            _region_count += 1

    def _alpha_at(self, i: int, j: int, k: int) -> float:
        return self._alpha if numpy.isscalar(self._alpha) else float(self._alpha[i, j, k])

    def volume(self, index=None) -> float:
        """um3 of free volume of the voxel at flat index (of the whole grid if None)."""
        vox = float(numpy.prod(self._dx))
        if index is None:
            if numpy.isscalar(self._alpha):
                return self._nx * self._ny * self._nz * vox * self._alpha
            return float(numpy.sum(self._alpha)) * vox
        if numpy.isscalar(self._alpha):
            return vox * self._alpha
        return vox * float(self._alpha.flat[index])

    @property
    def alpha(self):
        return self._alpha

    @alpha.setter
    def alpha(self, value):
        self._alpha = self._parse_field(value, "volume_fraction")
        from . import rxd
        rxd._invalidate()

    volume_fraction = alpha

    @property
    def tortuosity(self):
        if hasattr(self, "_tortuosity"):
            return self._tortuosity
        return (1.0 / self._permeability) ** 0.5

    @tortuosity.setter
    def tortuosity(self, value):
        tort = self._parse_field(value, "tortuosity")
        self._tortuosity = tort
        self._permeability = tort ** -2.0
        from . import rxd
        rxd._invalidate()

    @property
    def permeability(self):
        return self._permeability

    @permeability.setter
    def permeability(self, value):
        self._permeability = self._parse_field(value, "permeability")
        if hasattr(self, "_tortuosity"):
            del self._tortuosity
        from . import rxd
        rxd._invalidate()

    @property
    def _secs1d(self):
        return []

    @property
    def _secs3d(self):
        return []

    @property
    def _secs(self):
        return []

    @property
    def nrn_region(self):
        return "o"
