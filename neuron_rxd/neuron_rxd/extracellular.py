"""The grid of one species in one Extracellular region.

States are a flat array in C order (i, j, k); `states` is its (nx, ny, nz) view.  Segments of
sections inside the box exchange with the voxel containing their centre: their ion currents
change the voxel, and the voxel is their outside concentration (Xo)."""
from __future__ import annotations

import numpy

from . import species as _species_mod
from .rxdException import RxDException


class _ExtracellularSpecies:
    def __init__(self, region, d=0, name=None, charge=0, initial=0, atolscale=1.0,
                 boundary_conditions=None, species=None):
        if hasattr(d, "__len__") and len(d) != 3:
            raise RxDException("Diffusion coefficient %r for %s is invalid. A single value D or a "
                               "tuple of 3 values (Dx,Dy,Dz) is required." % (d, name))
        self._region = region
        self._species_ref = None if species is None else __import__("weakref").ref(species)
        self._species = name
        self._name = name
        self._charge = charge
        self._d = d
        self._initial = initial
        self._atolscale = atolscale
        self._boundary_conditions = boundary_conditions
        self._nx, self._ny, self._nz = region._nx, region._ny, region._nz
        self._xlo, self._ylo, self._zlo = region._xlo, region._ylo, region._zlo
        self._xhi, self._yhi, self._zhi = region._xhi, region._yhi, region._zhi
        self._dx = region._dx
        self._states = numpy.zeros(self._nx * self._ny * self._nz)
        self.states = self._states.reshape(self._nx, self._ny, self._nz)
        self._grid_id = -1
        _species_mod._extracellular_diffusion_objects[self] = region

    def _matches(self, r) -> bool:
        return (r._nx, r._ny, r._nz, r._dx) == (self._nx, self._ny, self._nz, self._dx)

    def __repr__(self):
        return "_ExtracellularSpecies(%r, %r)" % (self._name, self._region)

    @property
    def d(self):
        return self._d

    @d.setter
    def d(self, value):
        self._d = value
        from . import rxd
        rxd._setup_matrices()

    def _dc(self):
        """Diffusion coefficients (x, y, z), um2/ms, before the tortuosity."""
        if hasattr(self._d, "__len__"):
            return tuple(float(v) for v in self._d)
        return (float(self._d),) * 3

    def index_from_xyz(self, x: float, y: float, z: float):
        """Flat index of the voxel containing (x, y, z), None outside the box."""
        if not (self._xlo <= x <= self._xhi and self._ylo <= y <= self._yhi and self._zlo <= z <= self._zhi):
            return None
        i = int((x - self._xlo) / self._dx[0])
        j = int((y - self._ylo) / self._dx[1])
        k = int((z - self._zlo) / self._dx[2])
        return (i * self._ny + j) * self._nz + k

    def ijk_from_index(self, index: int):
        nynz = self._ny * self._nz
        i = index // nynz
        jk = index - nynz * i
        return i, jk // self._nz, jk % self._nz

    def _ion_register(self) -> None:
        """Every section gets the ion of this species (concentrations as states)."""
        if self._name is None:
            return
        from neuron_core import builtins
        from neuron_core.model import model
        builtins.ion_register(self._name, self._charge)
        ion = self._name + "_ion"
        for sec in model.section_list():
            if not sec.has_membrane(ion):
                sec.insert(ion)
            builtins.ion_style(ion, 3, 2, 1, 1, 1, sec=sec)

    def _locate_segments(self) -> list:
        """(segment, voxel) for every segment of every section inside the box."""
        from neuron_core.model import model
        from .species import _xyz
        out = []
        for sec in model.section_list():
            for seg in sec:
                idx = self.index_from_xyz(*_xyz(seg))
                if idx is not None:
                    out.append((seg, idx))
        return out

    def _finitialize(self) -> None:
        if self._initial is None:
            value = 0.0
            if self._name is not None:
                from neuron_core.mechanisms import registry
                mt = registry.types.get(self._name + "_ion")
                if mt is not None:
                    value = float(mt.globals[1])
            self._states[:] = value
        self._apply_boundary()

    def _apply_boundary(self) -> None:
        bc = self._boundary_conditions
        if bc is not None:
            st = self.states
            for idx in (0, -1):
                st[idx, :, :] = bc
                st[:, idx, :] = bc
                st[:, :, idx] = bc

    def _import_concentration(self) -> None:
        """Voxels holding segments take the segments' outside concentration."""
        if self._name is None:
            return
        name = self._name + "o"
        for seg, idx in self._locate_segments():
            self._states[idx] = getattr(seg, name)

    def _delete(self) -> None:
        _species_mod._extracellular_diffusion_objects.pop(self, None)
