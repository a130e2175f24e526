"""Species, State and Parameter, and their restrictions to one region (`ca[cyt]`).

A species owns a block of 1-D nodes (its zero-volume root nodes, then a Section1D per
region and section), a grid per Extracellular region, and 3-D voxels in regions solved in
3-D.  `_all_species`, `_defined_species`, `_species_count`, `_has_1d`, `_has_3d` are module
state tools reset between models.
"""
from __future__ import annotations

import array
import itertools
import re
import weakref
from collections.abc import Callable

import numpy

from . import initializer, node, nodelist, region, rxdmath
from .rxdException import RxDException
from .section1d import Section1D, _RootBlock

_all_species: list = []
_defined_species: dict = {}
_all_defined_species: list = []
_defined_species_by_gid: list = []
_species_count = 0
_has_1d = False
_has_3d = False
_extracellular_diffusion_objects = weakref.WeakKeyDictionary()

_ontology_id = re.compile(r"^\[[a-zA-Z][a-zA-Z0-9_]*:[a-zA-Z0-9_]*\]|[a-zA-Z][a-zA-Z0-9_]*:[a-zA-Z0-9_]*$")


def _get_all_species() -> list:
    return _all_species


def _live_species() -> list:
    return [sp for sp in (r() for r in _all_species) if sp is not None and not hasattr(sp, "deleted")]


def _1d_submatrix_n() -> int:
    return len(node._states) if _has_1d else 0


def _xyz(seg):
    """(x, y, z) of the centre of a segment, interpolated along its section's 3-D points."""
    sec = seg.sec
    n = sec.n3d()
    arc = [sec.arc3d(i) for i in range(n)]
    pos = seg.x * sec.L
    return tuple(float(numpy.interp(pos, arc, [f(i) for i in range(n)]))
                 for f in (sec.x3d, sec.y3d, sec.z3d))


class _SpeciesMathable:
    """Arithmetic on species builds rate expressions; comparisons build reaction schemes."""

    __slots__ = ()

    def __neg__(self):
        return -1 * rxdmath._Arithmeticed(self)

    def __pos__(self):
        return rxdmath._Arithmeticed(self)

    def __pow__(self, other):
        return rxdmath._Arithmeticed(self) ** other

    def __add__(self, other):
        return rxdmath._Arithmeticed(self) + other

    def __sub__(self, other):
        return rxdmath._Arithmeticed(self) - other

    def __mul__(self, other):
        return rxdmath._Arithmeticed(self) * other

    def __truediv__(self, other):
        return rxdmath._Arithmeticed(self) / other

    def __rtruediv__(self, other):
        return rxdmath._ensure_arithmeticed(other) / self

    __div__ = __truediv__
    __rdiv__ = __rtruediv__

    def __radd__(self, other):
        return rxdmath._ensure_arithmeticed(other) + self

    def __rmul__(self, other):
        return rxdmath._Arithmeticed(self) * other

    def __rsub__(self, other):
        return rxdmath._ensure_arithmeticed(other) - self

    def __abs__(self):
        return abs(rxdmath._Arithmeticed(self))

    def _scheme(self, other, direction: str):
        other = rxdmath._ensure_arithmeticed(other)
        me = rxdmath._ensure_arithmeticed(self)
        rxdmath._validate_reaction_terms(me, other)
        return rxdmath._Reaction(me, other, direction)

    def __ne__(self, other):
        return self._scheme(other, "<>")

    def __gt__(self, other):
        return self._scheme(other, ">")

    def __lt__(self, other):
        return self._scheme(other, "<")

    def _involved_species(self, out) -> None:
        out[id(self)] = self

    __hash__ = object.__hash__


def _check_d(owner: str, d) -> None:
    values = [d] if not hasattr(d, "__len__") else list(d)
    for v in values:
        if callable(v):
            continue
        try:
            fv = float(v)
        except (TypeError, ValueError):
            raise RxDException("%s: diffusion constant %r is not a number" % (owner, v)) from None
        if fv < 0 or fv != fv:
            raise RxDException("%s: diffusion constant must be >= 0, got d=%r" % (owner, v))


class Species(_SpeciesMathable):
    """Species(regions, d=0, name=None, charge=0, initial=None, atolscale=1,
    ecs_boundary_conditions=None, represents=None)

    Concentrations in mM, d in um2/ms.  initial: a number, f(node), or None (take the
    engine's concentration of the ion with this name, else 0).  A named species in a
    region with nrn_region 'i'/'o' is that ion's concentration (cai/cao): the engine's
    currents change it and mechanisms see it."""

    def __init__(self, regions=None, d=0, name=None, charge=0, initial=None, atolscale=1,
                 ecs_boundary_conditions=None, represents=None):
        global _species_count
        self._allow_setting = True
        self._species_on_region = weakref.WeakKeyDictionary()
        self.regions = regions
        _check_d(self._label(name), d)
        if hasattr(d, "__len__") and not callable(d) and len(set(d)) == 1:
            d = d[0]
        self._d = d
        self.name = name
        self.charge = charge
        self.initial = initial
        self._atolscale = atolscale
        self._ecs_boundary_conditions = ecs_boundary_conditions
        if represents and not _ontology_id.match(represents):
            raise RxDException("The represents=%s is not valid CURIE" % represents)
        self.represents = represents
        self._id = _species_count
        _species_count += 1
        self._species = weakref.ref(self)
        self._secs = []
        self._num_roots = 0
        self._offset = 0
        self._root_block = _RootBlock(0)
        self._region_indices = {}
        self._extracellular_instances = {}
        self._intracellular_instances = {}
        self._intracellular_nodes = {}
        self._extracellular_nodes = []
        self._d_overrides = {}
        with initializer._init_lock:
            _all_species.append(weakref.ref(self))
            _all_defined_species.append(self._species)
            self._ion_register()
        from . import rxd
        rxd._invalidate()

    @staticmethod
    def _label(name) -> str:
        return "Species %r" % (name,) if name is not None else "Species"

    # ----------------------------------------------------------------- identity

    def __repr__(self):
        represents = ", represents=%s" % self.represents if self.represents else ""
        return "%s(regions=%r, d=%r, name=%r, charge=%r, initial=%r%s)" % (
            type(self).__name__, self._regions + self._extracellular_regions, self._d, self._name,
            self._charge, self.initial, represents)

    def _short_repr(self):
        return str(self._name) if self._name is not None else repr(self)

    def __str__(self):
        return str(self._name) if self._name is not None else repr(self)

    # --------------------------------------------------------------- properties

    def _check_setting(self, what: str) -> None:
        if not hasattr(self, "_allow_setting"):
            raise RxDException("Cannot set %s now; model already instantiated" % what)

    @property
    def name(self):
        """Name used to couple with the engine's ions (e.g. 'ca' is cai / cao)."""
        return self._name

    @name.setter
    def name(self, value):
        self._check_setting("name")
        if value is not None and not isinstance(value, str):
            raise RxDException("Species name must be a string, got %r" % (value,))
        self._name = value

    @property
    def charge(self):
        return self._charge

    @charge.setter
    def charge(self, value):
        self._check_setting("charge")
        self._charge = value

    @property
    def regions(self) -> list:
        return list(self._regions) + list(self._extracellular_regions)

    @regions.setter
    def regions(self, regions):
        self._check_setting("regions")
        if regions is None:
            regions = []
        elif not hasattr(regions, "__iter__"):
            regions = [regions]
        regions = list(regions)
        for r in regions:
            if not isinstance(r, (region.Region, region.Extracellular)):
                raise RxDException("%s: regions list must consist of Region and Extracellular "
                                   "objects only, got %r" % (self._label(getattr(self, "_name", None)), r))
        self._regions = [r for r in regions if isinstance(r, region.Region)]
        self._extracellular_regions = [r for r in regions if isinstance(r, region.Extracellular)]

    @property
    def d(self):
        return self._d

    @d.setter
    def d(self, value):
        _check_d(self._label(self._name), value)
        self._d = value
        for ecs in self._extracellular_instances.values():
            ecs.d = value
        for ics in self._intracellular_instances.values():
            ics.d = value
        if self._secs:
            if hasattr(value, "__len__"):
                raise RxDException("Intracellular 1D can only have one diffusion coefficient. To set "
                                   "3D intracellular or extracellular diffusion, access the species on "
                                   "the regions; `species[region].d = (Dx, Dy, Dz)`")
            self._d_overrides.clear()
            from . import rxd
            rxd._setup_matrices()

    @property
    def _state(self) -> bytes:
        """The species' concentrations as bytes (save_state)."""
        data = array.array("d", self.nodes.concentration).tobytes()
        return array.array("Q", [0, len(data)]).tobytes() + data

    @_state.setter
    def _state(self, oldstate: bytes) -> None:
        meta = array.array("Q")
        meta.frombytes(oldstate[:16])
        version, length = meta
        if version != 0:
            raise RxDException("Unsupported state data version")
        data = array.array("d")
        try:
            data.frombytes(oldstate[16:])
        except ValueError:
            raise RxDException("Invalid state data length") from None
        if len(data) * 8 != length or len(data) != len(self.nodes):
            raise RxDException("Invalid state data length")
        self.nodes.concentration = data

    # ------------------------------------------------------------ engine coupling

    def _ion_register(self) -> None:
        """Insert the ion named like this species in its regions' sections (nrn_region i/o)
        with concentrations as states, reversal potentials computed, initialized from the
        ion's global defaults (NEURON's ion_style 3, 2, 1, 1, 1)."""
        if self._name is None:
            return
        from neuron_core import builtins
        ion_type = None
        for r in self._regions:
            if r.nrn_region not in ("i", "o"):
                continue
            if ion_type is None:
                builtins.ion_register(self._name, self._charge)
                ion_type = self._name + "_ion"
            for s in r._secs:
                if getattr(s, "_deleted", False):
                    continue
                if not s.has_membrane(ion_type):
                    s.insert(ion_type)
                builtins.ion_style(ion_type, 3, 2, 1, 1, 1, sec=s)

    # ---------------------------------------------------------- instantiation

    def _validate(self) -> None:
        if not self._regions and not self._extracellular_regions:
            raise RxDException("%s: must specify region where species is present"
                               % self._label(self._name))
        if self._name is not None:
            for other in _live_species():
                if other is self or other._name != self._name:
                    continue
                for r in self._regions:
                    if r in other._regions:
                        raise RxDException('Species "%s" previously defined on region: %r'
                                           % (self._name, r))
                    if r.nrn_region in ("i", "o"):
                        for r2 in other._regions:
                            if r2.nrn_region == r.nrn_region and set(map(id, r._secs)) & set(map(id, r2._secs)):
                                raise RxDException('Species "%s" previously defined on a region %r that '
                                                   'overlaps with regions: %r' % (self._name, r2, self._regions))

    def _instantiate_1d(self, offset: int) -> int:
        """Lay out the 1-D nodes from `offset`: root nodes first, then one block (nseg + 1
        nodes) per region and section.  Returns the next free index."""
        global _has_1d
        if hasattr(self, "_allow_setting"):
            del self._allow_setting
        d = self._d if not hasattr(self._d, "__len__") and not callable(self._d) else 0.0
        blocks = [(r, sec) for r in self._regions for sec in r._secs1d]
        self._offset = offset
        self._root_block = _RootBlock(offset)
        self._secs = []
        # count roots first: a section is a root if its parent is not in the same region
        pos = offset
        for r, sec in blocks:
            self._secs.append(Section1D(self, sec, d, r, pos))
            pos += sec.nseg + 1
        missing, root_children = {}, []
        root_id = 0
        for s in self._secs:
            root_id = s._assign_parents(root_id, missing, root_children)
        self._num_roots = root_id
        for s in self._secs:
            s._offset += root_id
        self._root_children = root_children
        if self._secs:
            _has_1d = True
        self._update_region_indices()
        return pos + root_id

    def _has_region_section(self, r, sec) -> bool:
        return any(s._region is r and s._sec is sec for s in self._secs)

    def _region_section(self, r, sec):
        for s in self._secs:
            if s._region is r and s._sec is sec:
                return s
        raise RxDException("requested section not in species")

    def _update_region_indices(self) -> None:
        self._region_indices = {}
        for s in self._secs:
            self._region_indices.setdefault(s._region, []).extend(s.indices)
        self._region_indices[None] = list(itertools.chain.from_iterable(self._region_indices.values()))

    def _instantiate_extracellular(self, grid_id: int) -> int:
        """Create the grids of this species' Extracellular regions; returns the next grid id."""
        from .extracellular import _ExtracellularSpecies
        old = self._extracellular_instances
        self._extracellular_instances = {}
        sp_ref = weakref.ref(self)
        nodes = []
        index = 0
        for r in self._extracellular_regions:
            inst = old.get(r)
            if inst is None or not inst._matches(r):
                inst = _ExtracellularSpecies(r, d=self._d, name=self._name, charge=self._charge,
                                             initial=self.initial, atolscale=self._atolscale,
                                             boundary_conditions=self._ecs_boundary_conditions,
                                             species=self)
            inst._grid_id = grid_id
            grid_id += 1
            self._extracellular_instances[r] = inst
            r_ref = weakref.ref(r)
            for i in range(r._nx):
                for j in range(r._ny):
                    for k in range(r._nz):
                        nodes.append(node.NodeExtracellular(index, i, j, k, sp_ref, r_ref))
                        index += 1
        self._extracellular_nodes = nodes
        return grid_id

    def _instantiate_3d(self, grid_id: int) -> int:
        """Create the voxel states of this species' regions with 3-D sections; returns the
        next grid id."""
        from .intracellular3d import _IntracellularSpecies
        old = self._intracellular_instances
        self._intracellular_instances = {}
        self._intracellular_nodes = {}
        sp_ref = weakref.ref(self)
        diffusable = not isinstance(self, (Parameter, State))
        for r in self._regions:
            if not r._secs3d:
                continue
            nodes = []
            for idx, (p, segi) in enumerate(zip(r._points, r._segsidx)):
                sec, iseg = r._segs3d_list[segi]
                nodes.append(node.Node3D(idx, p[0], p[1], p[2], r, sec, iseg, sp_ref))
            self._intracellular_nodes[r] = nodes
            inst = old.get(r)
            if inst is None or not inst._matches(r):
                inst = _IntracellularSpecies(r, d=self._d, name=self._name, charge=self._charge,
                                             initial=self.initial, nodes=nodes,
                                             is_diffusable=diffusable,
                                             atolscale=self._atolscale, species=self)
            else:
                inst._nodes = nodes
                inst._charge = self._charge
                inst._initial = self.initial
            inst._grid_id = grid_id
            grid_id += 1
            self._intracellular_instances[r] = inst
        return grid_id

    # -------------------------------------------------------------- node access

    @property
    def nodes(self):
        """All nodes of the species (1-D, 3-D, extracellular); filter with nodes(...)."""
        from . import rxd
        rxd._ensure_setup()
        out = [nd for s in self._secs for nd in s.nodes]
        for r in self._regions:
            out.extend(self._intracellular_nodes.get(r, []))
        out.extend(self._extracellular_nodes)
        return nodelist.NodeList(out)

    def __getitem__(self, r):
        """The species restricted to region r (SpeciesOnRegion / SpeciesOnExtracellular)."""
        if isinstance(r, region.Region) and r in self._regions:
            if r not in self._species_on_region:
                self._species_on_region[r] = self._on_region_class()(self, r)
            return self._species_on_region[r]
        if isinstance(r, region.Extracellular) and r in self._extracellular_regions:
            if r not in self._species_on_region:
                self._species_on_region[r] = self._on_extracellular_class()(self, r)
            return self._species_on_region[r]
        raise RxDException("%r is not defined on region %r" % (self, r))

    @staticmethod
    def _on_region_class():
        return SpeciesOnRegion

    @staticmethod
    def _on_extracellular_class():
        return SpeciesOnExtracellular

    def defined_on_region(self, r) -> bool:
        return r in self._regions or r in self._extracellular_regions

    def indices(self, r=None, secs=None) -> list:
        """Indices of the 1-D nodes (all, of region r or regions r, of sections secs)."""
        from . import rxd
        rxd._ensure_setup()
        if secs is not None:
            if not isinstance(secs, (set, frozenset, list, tuple)):
                secs = {secs}
            ids = {id(s) for s in secs}
            regions = self._regions if r is None else (r if hasattr(r, "__len__") else [r])
            return [i for s in self._secs if id(s._sec) in ids and s._region in regions for i in s.indices]
        if not hasattr(r, "__len__"):
            return list(self._region_indices.get(r, []))
        if len(r) == 1:
            return list(self._region_indices.get(r[0], []))
        common = set.intersection(*[set(map(id, reg._secs)) for reg in r if reg is not None])
        return [i for s in self._secs if id(s._sec) in common and s._region in r for i in s.indices]

    def _indices1d(self, r=None, secs=None) -> list:
        if secs is not None:
            ids = {id(s) for s in secs}
            return [i for s in self._secs for i in s.indices
                    if id(s._sec) in ids and (r is None or s._region is r)]
        return list(self._region_indices.get(r, []))

    @property
    def states(self) -> list:
        states = node._states
        return [float(states[i]) for i in numpy.sort(self.indices())]

    # ------------------------------------------------------------ initialization

    def _finitialize(self) -> None:
        """Initial concentrations (initial value/function, else imported from the engine)."""
        for ecs in self._extracellular_instances.values():
            ecs._finitialize()
        for ics in self._intracellular_instances.values():
            ics._finitialize()
        if isinstance(self.initial, Callable):
            for nd in self.nodes:
                nd.concentration = self.initial(nd)
        elif self.initial is not None:
            value = float(self.initial)
            for s in self._secs:
                node._states[s._offset:s._offset + s._nseg] = value
            for inst in self._extracellular_instances.values():
                inst._states[:] = value
            for inst in self._intracellular_instances.values():
                inst._states[:] = value
        else:
            self._import_concentration()
        if self.initial is not None:
            for inst in self._intracellular_instances.values():
                inst._transfer_to_legacy()

    def _import_concentration(self, init: bool = True) -> None:
        """Read concentrations from the engine (cai etc.)."""
        if self._name is None:
            return
        for s in self._secs:
            s._import_concentration(init)
        for ics in self._intracellular_instances.values():
            ics._import_concentration()
        for ecs in self._extracellular_instances.values():
            ecs._import_concentration()

    def re_init(self) -> None:
        """Take the concentrations from the engine's ion variables again."""
        self._import_concentration(init=False)

    # -------------------------------------------------------------------- delete

    def __del__(self):
        global _all_species, _all_defined_species
        if hasattr(self, "deleted"):
            return
        self.deleted = True
        try:
            _all_defined_species = [r for r in _all_defined_species if r() is not None and r() is not self]
            _all_species = [r for r in _all_species if r() is not None and r() is not self]
            for ecs in self._extracellular_instances.values():
                ecs._delete()
            self._secs = []
            from . import rxd
            rxd._invalidate()
        except (AttributeError, TypeError, ImportError):
            pass  # interpreter shutdown


class State(Species):
    """A species that does not diffuse conceptually (gating states, buffers)."""


class Parameter(Species):
    """Parameter(regions, name=None, charge=0, value=None, represents=None): a field that
    reactions read but nothing changes."""

    def __init__(self, *args, **kwargs):
        if "value" in kwargs:
            if "initial" in kwargs and kwargs["initial"] and kwargs["initial"] != kwargs["value"]:
                raise RxDException("Parameter cannot be assigned both a 'value=%g' and 'initial=%g'"
                                   % (kwargs["value"], kwargs["initial"]))
            kwargs["initial"] = kwargs.pop("value")
        if "d" in kwargs and kwargs["d"] != 0:
            raise RxDException("Parameters cannot diffuse, invalid keyword argument 'd=%g'" % kwargs["d"])
        kwargs["d"] = 0
        super().__init__(*args, **kwargs)

    def __repr__(self):
        represents = ", represents=%s" % self.represents if self.represents else ""
        return "Parameter(regions=%r, name=%r, charge=%r, value=%r%s)" % (
            self._regions + self._extracellular_regions, self._name, self._charge, self.initial,
            represents)

    @property
    def value(self):
        return self.initial

    @value.setter
    def value(self, v):
        self.initial = v

    @property
    def d(self):
        return 0

    @d.setter
    def d(self, value):
        if value != 0:
            raise RxDException("Parameters cannot diffuse.")

    @staticmethod
    def _on_region_class():
        return ParameterOnRegion

    @staticmethod
    def _on_extracellular_class():
        return ParameterOnExtracellular


class SpeciesOnRegion(_SpeciesMathable):
    """A species restricted to one region (`ca[cyt]`)."""

    def __init__(self, species, r):
        self._species = weakref.ref(species)
        self._region = weakref.ref(r)

    def __eq__(self, other):
        return (isinstance(other, SpeciesOnRegion) and self._species() is other._species()
                and self._region() is other._region())

    def __hash__(self):
        return hash((id(self._species()), id(self._region())))

    def __repr__(self):
        return "%r[%r]" % (self._species(), self._region())

    def _short_repr(self):
        return "%s[%s]" % (self._species()._short_repr(), self._region()._short_repr())

    def __str__(self):
        return "%s[%s]" % (self._species(), self._region()._short_repr())

    @property
    def _id(self) -> int:
        return self._species()._id

    @property
    def name(self):
        return self._species().name

    @property
    def charge(self):
        return self._species().charge

    def indices(self, r=None, secs=None) -> list:
        if r is None:
            r = self._region()
        if r is not self._region():
            raise RxDException("indices of %r requested for another region %r" % (self, r))
        return self._species().indices(r, secs)

    def __getitem__(self, r):
        if r is self._region():
            return self
        raise RxDException("%r is not defined on region %r" % (self, r))

    @property
    def states(self) -> list:
        states = node._states
        return [float(states[i]) for i in self.indices()]

    @property
    def nodes(self):
        """The nodes of the species in this region."""
        from . import rxd
        rxd._ensure_setup()
        sp, r = self._species(), self._region()
        out = [nd for s in sp._secs if s._region is r for nd in s.nodes]
        out.extend(sp._intracellular_nodes.get(r, []))
        return nodelist.NodeList(out)

    @property
    def concentration(self) -> list:
        return self.nodes.concentration

    @concentration.setter
    def concentration(self, value) -> None:
        self.nodes.concentration = value

    def defined_on_region(self, r) -> bool:
        return r is self._region()

    @property
    def instance3d(self):
        return self._species()._intracellular_instances[self._region()]


class ParameterOnRegion(SpeciesOnRegion):
    pass


class SpeciesOnExtracellular(_SpeciesMathable):
    """A species restricted to one Extracellular region (`k[ecs]`)."""

    def __init__(self, species, r):
        self._species = weakref.ref(species)
        self._ecs_region = weakref.ref(r)

    def __eq__(self, other):
        return (isinstance(other, SpeciesOnExtracellular) and self._species() is other._species()
                and self._ecs_region() is other._ecs_region())

    def __hash__(self):
        return hash((id(self._species()), id(self._ecs_region())))

    def _extracellular(self):
        from . import rxd
        rxd._ensure_setup()
        return self._species()._extracellular_instances[self._ecs_region()]

    def __repr__(self):
        return "%r[%r]" % (self._species(), self._ecs_region())

    def _short_repr(self):
        return "%s[Extracellular]" % self._species()._short_repr()

    def __str__(self):
        return "%s[Extracellular]" % (self._species(),)

    @property
    def _id(self) -> int:
        return self._species()._id

    @property
    def name(self):
        return self._species().name

    @property
    def charge(self):
        return self._species().charge

    @property
    def concentration(self) -> list:
        return self.nodes.concentration

    @concentration.setter
    def concentration(self, value) -> None:
        self.nodes.concentration = value

    @property
    def states3d(self) -> numpy.ndarray:
        """The grid's concentrations as an (nx, ny, nz) view."""
        return self._extracellular().states

    def extent(self, axes: str) -> list:
        e = self._ecs_region()
        lims = {"x": [e._xlo, e._xhi], "y": [e._ylo, e._yhi], "z": [e._zlo, e._zhi]}
        if not axes or any(a not in lims for a in axes) or axes not in ("xyz", "xy", "xz", "yz", "x", "y", "z"):
            raise RxDException("unknown axes argument; valid options: xyz, xy, xz, yz, x, y and z")
        return [v for a in axes for v in lims[a]]

    def node_by_location(self, x: float, y: float, z: float):
        e = self._ecs_region()
        if e._xlo <= x <= e._xhi and e._ylo <= y <= e._yhi and e._zlo <= z <= e._zhi:
            i = min(int((x - e._xlo) / e._dx[0]), e._nx - 1)
            j = min(int((y - e._ylo) / e._dx[1]), e._ny - 1)
            k = min(int((z - e._zlo) / e._dx[2]), e._nz - 1)
            return self.node_by_ijk(i, j, k)
        raise RxDException("Location (%1.2f, %1.2f, %1.2f) is not in extracellular region %r"
                           % (x, y, z, e))

    def node_by_ijk(self, i: int, j: int, k: int):
        sp = self._species()
        self._extracellular()
        index = 0
        for r in sp._extracellular_regions:
            if r is self._ecs_region():
                index += (i * r._ny + j) * r._nz + k
                break
            index += r._nx * r._ny * r._nz
        return sp._extracellular_nodes[index]

    def alpha_by_location(self, locs):
        e = self._ecs_region()
        if numpy.isscalar(e.alpha):
            return e.alpha
        out = []
        for loc in locs:
            i = int((loc[0] - e._xlo) / e._dx[0])
            j = int((loc[1] - e._ylo) / e._dx[1])
            k = int((loc[2] - e._zlo) / e._dx[2])
            out.append(e.alpha[i, j, k])
        return numpy.array(out)

    @property
    def nodes(self):
        self._extracellular()
        r = self._ecs_region()
        return nodelist.NodeList([nd for nd in self._species()._extracellular_nodes if nd.region is r])

    @property
    def d(self):
        return self._extracellular().d

    @d.setter
    def d(self, value):
        _check_d(repr(self), value)
        self._extracellular().d = value

    def defined_on_region(self, r) -> bool:
        return r is self._ecs_region()


class ParameterOnExtracellular(SpeciesOnExtracellular):
    pass


def xyz_by_index(indices) -> list:
    """3-D locations of the 1-D nodes with the given indices."""
    index = list(indices) if hasattr(indices, "__len__") else [indices]
    return [[nd.x3d, nd.y3d, nd.z3d] for sp in _live_species() for s in sp._secs for nd in s.nodes
            if nd._index in index]
