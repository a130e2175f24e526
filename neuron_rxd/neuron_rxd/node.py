"""Nodes: the compartments of a species (1-D segments, 3-D voxels, extracellular voxels).

All 1-D values live in the module arrays `_states` (mM), `_volumes` (um3), `_surface_area`
(um2) and `_diffs` (um2/ms), indexed by node index; node objects are light views that find
their index through their section block, so they stay valid when the model is re-laid out.
"""
from __future__ import annotations

import warnings
import weakref
from collections.abc import Callable

import numpy

from neuron_core.refs import Ref

from . import constants
from .rxdException import RxDException

_volumes = numpy.array([])
_surface_area = numpy.array([])
_diffs = numpy.array([])
_states = numpy.array([])
_node_fluxes = {"index": [], "type": [], "source": [], "scale": [], "region": []}
_has_node_fluxes = False
_point_indices = {}

_concentration_node = 0
_molecule_node = 1


def _get_data():
    return (_volumes, _surface_area, _diffs)


def _get_states():
    return _states


def _state_ref(index_of, desc: str) -> Ref:
    """A pointer to a 1-D state that follows re-layouts (index_of() gives the index now)."""
    import sys
    mod = sys.modules[__name__]
    return Ref(lambda: (mod._states, index_of()), desc)


def _flux_scale(units: str) -> float:
    """mM um3 per unit of an include_flux source."""
    if units == "molecule/ms":
        return constants.molecules_per_mM_um3()
    if units == "mol/ms":
        return 1e-18
    if units in ("mmol/ms", "millimol/ms", "mol/s"):
        return 1e-15
    raise RxDException("unknown unit: %r" % (units,))


class Node:
    __slots__ = ()

    def satisfies(self, condition) -> bool:
        """True if the node lies in a section, segment or region given as condition."""
        from neuron_core import Section, Segment
        from . import region
        from .rxdsection import RxDSection
        if isinstance(condition, (Section, RxDSection)):
            return self._in_sec(condition)
        if isinstance(condition, (region.Region, region.Extracellular)):
            return self.region is condition
        if isinstance(condition, Segment):
            return self._in_seg(condition)
        raise RxDException("selector %r not supported for this node type" % (condition,))

    def _in_seg(self, seg) -> bool:
        return False

    def _safe_satisfies(self, condition) -> bool:
        try:
            return self.satisfies(condition)
        except RxDException:
            return False

    @property
    def _ref_concentration(self) -> Ref:
        if self._data_type != _concentration_node:
            raise RxDException("_ref_concentration only available for concentration nodes")
        return self._ref_value

    @property
    def _ref_molecules(self) -> Ref:
        if self._data_type != _molecule_node:
            raise RxDException("_ref_molecules only available for molecule count nodes")
        return self._ref_value

    @property
    def concentration(self) -> float:
        if self._data_type != _concentration_node:
            raise RxDException("concentration property not yet supported for non-concentration nodes")
        return self.value

    @concentration.setter
    def concentration(self, value: float) -> None:
        if self._data_type != _concentration_node:
            raise RxDException("concentration property not yet supported for non-concentration nodes")
        self.value = value

    @property
    def molecules(self) -> float:
        if self._data_type != _molecule_node:
            raise RxDException("molecules property not yet supported for non-concentration nodes")
        return self.value

    @molecules.setter
    def molecules(self, value: float) -> None:
        if self._data_type != _molecule_node:
            raise RxDException("molecules property not yet supported for non-concentration nodes")
        self.value = value

    def include_flux(self, *args, units: str = "molecule/ms", **kwargs) -> None:
        """Add a source of molecules to this node every step.

        include_flux(number), include_flux(ptr) (a _ref_ pointer), include_flux(obj, "var")
        (obj._ref_var), include_flux(callable) (called each step; slow), in units of
        molecule/ms (default), mol/ms or mmol/ms.  The concentration changes by the amount
        divided by the node's volume.
        """
        global _has_node_fluxes
        if kwargs:
            raise RxDException("Unknown keyword arguments: %r" % (list(kwargs),))
        if len(args) not in (1, 2):
            raise RxDException("node.include_flux takes only one or two arguments")
        scale = _flux_scale(units)
        if len(args) == 2:
            try:
                source = getattr(args[0], "_ref_" + args[1])
            except Exception:
                raise RxDException("Invalid two parameter form") from None
        elif isinstance(args[0], Ref):
            source = args[0]
        elif isinstance(args[0], (int, float, numpy.number)) and not isinstance(args[0], bool):
            source = float(args[0])
        elif isinstance(args[0], Callable):
            source = args[0]
            warnings.warn("Adding a python callback may slow down execution. Consider using a "
                          "Rate and Parameter.")
        else:
            raise RxDException("unsupported flux form")
        _node_fluxes["index"].append(self._index if isinstance(self, Node1D) else self._flat)
        _node_fluxes["type"].append(-1 if isinstance(self, Node1D) else self._grid_id)
        _node_fluxes["source"].append(source)
        _node_fluxes["scale"].append(scale)
        _node_fluxes["region"].append(None if isinstance(self, Node1D) else weakref.ref(self.region))
        _has_node_fluxes = True
        from . import rxd
        rxd._invalidate()


class Node1D(Node):
    """A segment of a section for one species and region."""

    __slots__ = ("_sec", "_i", "_location", "_loc3d", "_data_type")

    def __init__(self, sec, i: int, location: float, data_type: int = _concentration_node):
        self._sec = sec
        self._i = i
        self._location = location
        self._loc3d = None
        self._data_type = data_type

    @property
    def _index(self) -> int:
        return self._sec._offset + self._i

    def __repr__(self):
        return "Node1D(%s(%g), %r, %r)" % (self.sec.name(), self._location, self.species, self.region)

    def _update_loc3d(self) -> None:
        sec = self._sec._sec
        n = sec.n3d()
        length = sec.L
        arc = [sec.arc3d(i) / length for i in range(n)]
        self._loc3d = tuple(float(numpy.interp(self._location, arc, [f(i) for i in range(n)]))
                            for f in (sec.x3d, sec.y3d, sec.z3d))

    def satisfies(self, condition) -> bool:
        try:
            return super().satisfies(condition)
        except RxDException:
            pass
        try:
            if 0 <= condition <= 1:
                nseg = self._sec.nseg
                check = min(int(condition * nseg), nseg - 1)
                return check == int(self._location * nseg)
        except TypeError:
            pass
        raise RxDException("unrecognized node condition: %r" % (condition,))

    @property
    def x3d(self) -> float:
        if self._loc3d is None:
            self._update_loc3d()
        return self._loc3d[0]

    @property
    def y3d(self) -> float:
        if self._loc3d is None:
            self._update_loc3d()
        return self._loc3d[1]

    @property
    def z3d(self) -> float:
        if self._loc3d is None:
            self._update_loc3d()
        return self._loc3d[2]

    @property
    def value(self) -> float:
        return float(_states[self._index])

    @value.setter
    def value(self, v: float) -> None:
        _states[self._index] = v

    @property
    def _ref_value(self) -> Ref:
        return _state_ref(lambda: self._index, "%r.value" % (self,))

    @property
    def d(self) -> float:
        return float(_diffs[self._index])

    @d.setter
    def d(self, value: float) -> None:
        if value < 0:
            raise RxDException("%r: diffusion constant must be >= 0, got %g" % (self, value))
        b = self._sec
        self.species._d_overrides[(id(b._region), id(b._sec), self._i)] = float(value)
        _diffs[self._index] = value
        from . import rxd
        rxd._setup_matrices()

    diff = d

    @property
    def volume(self) -> float:
        from . import rxd
        rxd._update_node_data()
        return float(_volumes[self._index])

    @property
    def surface_area(self) -> float:
        from . import rxd
        rxd._update_node_data()
        return float(_surface_area[self._index])

    @property
    def segment(self):
        return self._sec._sec(self._location)

    @property
    def x(self) -> float:
        return self._location

    @property
    def region(self):
        return self._sec._region

    @property
    def sec(self):
        return self._sec._sec

    def _in_sec(self, sec) -> bool:
        return sec is self.sec or sec is self._sec

    def _in_seg(self, seg) -> bool:
        """NEURON's segment equality: same section, same segment (x = 0 and 1 are ends)."""
        if seg.sec is not self.sec or not 0.0 < seg.x < 1.0:
            return False
        return int(seg.x * self._sec._nseg) == self._i

    @property
    def species(self):
        return self._sec._species()


class NodeExtracellular(Node):
    """A voxel of an extracellular grid."""

    __slots__ = ("_index", "_i", "_j", "_k", "_speciesref", "_regionref", "_data_type")

    def __init__(self, index: int, i: int, j: int, k: int, speciesref, regionref):
        self._index = index
        self._i, self._j, self._k = i, j, k
        self._speciesref = speciesref
        self._regionref = regionref
        self._data_type = _concentration_node

    def __repr__(self):
        return "NodeExtracellular(%d, %d, %d, %r)" % (self._i, self._j, self._k, self.species)

    @property
    def _instance(self):
        return self._speciesref()._extracellular_instances[self._regionref()]

    @property
    def x3d(self) -> float:
        r = self._regionref()
        return r._xlo + (self._i + 0.5) * r._dx[0]

    @property
    def y3d(self) -> float:
        r = self._regionref()
        return r._ylo + (self._j + 0.5) * r._dx[1]

    @property
    def z3d(self) -> float:
        r = self._regionref()
        return r._zlo + (self._k + 0.5) * r._dx[2]

    @property
    def region(self):
        return self._regionref()

    _r = region

    @property
    def species(self):
        return self._speciesref()

    @property
    def d(self):
        return self._instance.d

    @d.setter
    def d(self, value) -> None:
        warnings.warn("Changing the diffusion coefficient for an extracellular node changes "
                      "diffusion coefficients for the whole extracellular grid.")
        self._instance.d = value

    @property
    def value(self) -> float:
        return float(self._instance._states[self._flat])

    @value.setter
    def value(self, v: float) -> None:
        self._instance._states[self._flat] = v

    @property
    def _flat(self) -> int:
        r = self._regionref()
        return (self._i * r._ny + self._j) * r._nz + self._k

    @property
    def _ref_value(self) -> Ref:
        inst = self._instance
        flat = self._flat
        return Ref(lambda: (inst._states, flat), "%r.value" % (self,), keep=inst)

    @property
    def volume(self) -> float:
        r = self._regionref()
        return float(numpy.prod(r._dx) * r._alpha_at(self._i, self._j, self._k))

    @property
    def _grid_id(self) -> int:
        return self._instance._grid_id

    @property
    def segment(self):
        return None

    @property
    def sec(self):
        return None

    def _in_sec(self, sec) -> bool:
        return False

    def satisfies(self, condition) -> bool:
        try:
            return super().satisfies(condition)
        except RxDException:
            pass
        if isinstance(condition, tuple) and len(condition) == 3:
            x, y, z = condition
            r = self._regionref()
            return (numpy.floor((x - r._xlo) / r._dx[0]) == self._i
                    and numpy.floor((y - r._ylo) / r._dx[1]) == self._j
                    and numpy.floor((z - r._zlo) / r._dx[2]) == self._k)
        raise RxDException("unrecognized node condition: %r" % (condition,))


class Node3D(Node):
    """A voxel of a section solved in 3-D, for one species and region."""

    __slots__ = ("_index", "_i", "_j", "_k", "_r", "_sec", "_iseg", "_x", "_speciesref",
                 "_data_type")

    def __init__(self, index: int, i: int, j: int, k: int, r, sec, iseg: int, speciesref,
                 data_type: int = _concentration_node):
        self._index = index
        self._i, self._j, self._k = i, j, k
        self._r = r
        self._sec = sec
        self._iseg = iseg
        self._x = (iseg + 0.5) / sec.nseg
        self._speciesref = speciesref
        self._data_type = data_type

    def __repr__(self):
        return "Node3D(%d, %d, %d, %r)" % (self._i, self._j, self._k, self.species)

    @property
    def _instance(self):
        return self._speciesref()._intracellular_instances[self._r]

    @property
    def _flat(self) -> int:
        return self._index

    @property
    def _grid_id(self) -> int:
        return self._instance._grid_id

    @property
    def x3d(self) -> float:
        mesh = self._r._mesh_grid
        return mesh["xlo"] + (self._i + 0.5) * mesh["dx"]

    @property
    def y3d(self) -> float:
        mesh = self._r._mesh_grid
        return mesh["ylo"] + (self._j + 0.5) * mesh["dy"]

    @property
    def z3d(self) -> float:
        mesh = self._r._mesh_grid
        return mesh["zlo"] + (self._k + 0.5) * mesh["dz"]

    @property
    def x(self) -> float:
        """Normalized position of the voxel's segment along its section."""
        return self._x

    @property
    def segment(self):
        return self._sec(self._x)

    @property
    def sec(self):
        return self._sec

    def _in_sec(self, sec) -> bool:
        return sec is self._sec or getattr(sec, "_sec", None) is self._sec

    def _in_seg(self, seg) -> bool:
        if seg.sec is not self._sec or not 0.0 < seg.x < 1.0:
            return False
        return int(seg.x * self._sec.nseg) == self._iseg

    @property
    def volume(self) -> float:
        return float(self._r._vol[self._index])

    @property
    def surface_area(self) -> float:
        return float(self._r._sa[self._index])

    @property
    def region(self):
        return self._r

    @property
    def species(self):
        return self._speciesref()

    @property
    def neighbors(self) -> tuple:
        """Indices of the (+x, -x, +y, -y, +z, -z) neighbours, None where absent."""
        pts = self._r._point_index
        i, j, k = self._i, self._j, self._k
        return tuple(pts.get(p) for p in ((i + 1, j, k), (i - 1, j, k), (i, j + 1, k),
                                          (i, j - 1, k), (i, j, k + 1), (i, j, k - 1)))

    @property
    def d(self):
        return self._instance.node_d(self._index)

    @d.setter
    def d(self, v) -> None:
        self._instance.set_node_d(self._index, v)

    @property
    def value(self) -> float:
        return float(self._instance._states[self._index])

    @value.setter
    def value(self, v: float) -> None:
        self._instance._states[self._index] = v

    @property
    def _ref_value(self) -> Ref:
        """Follows the species' voxel states (re-created when the model changes); once the
        species is gone, its last states."""
        sp, r, index = self._speciesref, self._r, self._index
        last = [self._instance._states]

        def locate():
            s = sp()
            inst = s._intracellular_instances.get(r) if s is not None else None
            if inst is not None and index < len(inst._states):
                last[0] = inst._states
            return last[0], index
        return Ref(locate, "%r.value" % (self,))

    def satisfies(self, condition) -> bool:
        try:
            return super().satisfies(condition)
        except RxDException:
            pass
        if isinstance(condition, tuple) and len(condition) == 3:
            x, y, z = condition
            mesh = self._r._mesh_grid
            return (numpy.floor((x - mesh["xlo"]) / mesh["dx"]) == self._i
                    and numpy.floor((y - mesh["ylo"]) / mesh["dy"]) == self._j
                    and numpy.floor((z - mesh["zlo"]) / mesh["dz"]) == self._k)
        try:
            in_unit = 0 <= condition <= 1
        except TypeError:
            in_unit = False
        if in_unit:
            raise RxDException("selecting nodes by normalized position not yet supported for "
                               "3D nodes")
        raise RxDException("unrecognized node condition: %r" % (condition,))
