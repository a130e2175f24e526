"""Segments (`sec(x)`) and the density-mechanism view of a segment (`seg.hh`)."""
from __future__ import annotations

from typing import Iterator, List, Tuple

import numpy as np

from .errors import NeuronError
from .mechanisms import registry
from .mechtype import ION, MechType, VarSpec
from .model import model
from .refs import Ref, owned_ref


def node_owner(sec, x: float):
    """(section owning the node at x, its block index or "root"); ends are exact nodes."""
    attach = 1.0 if sec._childend == 1.0 else 0.0
    if x == attach:
        p = sec._parent
        if p is None or p._deleted:
            return sec, "root"
        return node_owner(p, sec._parentx)
    if x == 1.0 - attach:
        return sec, sec._nseg
    return sec, sec._block_index(sec._seg_index(x))


def node_location(sec, x: float) -> Tuple[np.ndarray, int]:
    """(array, index) holding the node voltage of sec at x."""
    owner, where = node_owner(sec, x)
    if where == "root":
        return owner._vroot, 0
    return owner._v, where


class Segment:
    """A location on a section; attribute access reaches the node and its mechanisms."""

    __slots__ = ("sec", "x")

    def __init__(self, sec, x: float):
        object.__setattr__(self, "sec", sec)
        object.__setattr__(self, "x", x)

    # ---------------------------------------------------------- identity

    def __repr__(self) -> str:
        return "%s(%g)" % (self.sec.name(), self.x)

    __str__ = __repr__

    def hname(self) -> str:
        return repr(self)

    def __eq__(self, other) -> bool:
        return isinstance(other, Segment) and other.sec is self.sec and other.x == self.x

    def __hash__(self) -> int:
        return hash((id(self.sec), self.x))

    def __lt__(self, other) -> bool:
        return (id(self.sec), self.x) < (id(other.sec), other.x)

    @property
    def _j(self) -> int:
        return self.sec._seg_index(self.x)

    # --------------------------------------------------------- node values

    @property
    def v(self) -> float:
        self.sec._check()
        arr, i = node_location(self.sec, self.x)
        return float(arr[i])

    @v.setter
    def v(self, value: float) -> None:
        self.sec._check()
        arr, i = node_location(self.sec, self.x)
        arr[i] = float(value)

    @property
    def diam(self) -> float:
        self.sec._check()
        if self.sec._pt3d is not None:
            model.ensure_built()
        return float(self.sec._diam[self._j])

    @diam.setter
    def diam(self, value: float) -> None:
        self.sec._check()
        value = float(value)
        if not (value > 0.0) or value > 1e9:
            raise NeuronError("diam = %g out of range: diam must be > 0 (%r)" % (value, self))
        self.sec._diam[self._j] = value
        if self.sec._pt3d is not None and len(self.sec._pt3d):
            self.sec._diam_change()
        model.geometry_dirty = True

    @property
    def cm(self) -> float:
        return float(self.sec._cm[self._j])

    @cm.setter
    def cm(self, value: float) -> None:
        self.sec._check()
        self.sec._cm[self._j] = float(value)
        model.geometry_dirty = True

    def area(self) -> float:
        """um2 of the segment containing x; 0 at the section ends."""
        self.sec._check()
        if self.x in (0.0, 1.0):
            return 0.0
        model.ensure_built()
        b = model.built
        return float(b.area[self.sec._node0 + self.sec._block_index(self._j)])

    def ri(self) -> float:
        """MOhm between this node and its parent node (1e30 at a root)."""
        self.sec._check()
        model.ensure_built()
        b = model.built
        idx = b.node_index(self.sec, self.x)
        rinv = b.rinv[idx]
        return 1e30 if rinv == 0 else float(1.0 / rinv)

    def volume(self) -> float:
        """um3 of the segment (frustum volumes from 3-D points, cylinders otherwise)."""
        self.sec._check()
        sec = self.sec
        if self.x in (0.0, 1.0):
            return 0.0
        d = sec._diam[self._j]
        return float(np.pi * d * d / 4.0 * sec.L / sec._nseg)

    def node_index(self) -> int:
        model.ensure_built()
        return int(model.built.node_index(self.sec, self.x))

    def point_processes(self) -> List:
        out = []
        mine = model.built.node_index(self.sec, self.x) if model.built and not model.structure_dirty else None
        for r in self.sec._pps:
            pp = r()
            if pp is None or pp._sec is not self.sec:
                continue
            if mine is None:
                model.ensure_built()
                mine = model.built.node_index(self.sec, self.x)
            if model.built.node_index(pp._sec, pp._x) == mine:
                out.append(pp)
        return out

    # ---------------------------------------------------------- mechanisms

    def _mech_row(self, mt: MechType) -> int:
        row = self.sec._mechs.get(mt.name)
        if row is None:
            raise NeuronError("%s is not inserted in %s" % (mt.name, self.sec.name()))
        return row + self._j

    def __iter__(self) -> Iterator["Mechanism"]:
        """Mechanisms at this segment in NEURON's order (most recently inserted first, each
        preceded by the ions it uses)."""
        self.sec._check()
        return iter([Mechanism(self, registry.types[n]) for n in self.sec._mech_order])

    def __contains__(self, name) -> bool:
        return name in self.sec._mechs

    def __dir__(self):
        """Python's attributes and the mechanisms inserted here (ions too), as NEURON lists
        them: tools such as NetPyNE find a cell's mechanisms through dir(seg)."""
        own = set(object.__dir__(self)) - _FORWARDED.get(Segment, set())
        return sorted(own | set(self.sec._mechs))

    def __getattr__(self, name: str):
        sec = self.sec
        sec._check()
        if name.startswith("_ref_"):
            return self._ref(name[5:])
        if name in sec._mechs:
            return Mechanism(self, registry.types[name])
        if name in registry.types and not registry.types[name].is_point:
            raise AttributeError("%s mechanism not inserted in %s" % (name, sec.name()))
        spec = self._range_var(name)
        if spec is not None:
            mt, var, idx = spec
            if var.is_array:
                return RangeArray(self, mt, var)
            return float(mt.data[var.col + idx, self._mech_row(mt)])
        special = _SPECIAL_GET.get(name)
        if special is not None:
            return special(self)
        raise AttributeError("'%r' segment has no attribute %r" % (self, name))

    def __setattr__(self, name: str, value) -> None:
        if name in ("v", "diam", "cm"):
            object.__setattr__(self, name, value)
            return
        if name.startswith("_ref_"):
            self._set_pointer(name[5:], value)
            return
        self.sec._check()
        spec = self._range_var(name)
        if spec is None:
            raise AttributeError("'%r' segment has no attribute %r" % (self, name))
        mt, var, idx = spec
        if var.is_array:
            raise NeuronError("%s is an array; assign its elements (seg.%s[i] = value)" % (name, name))
        mt.data[var.col + idx, self._mech_row(mt)] = float(value)
        if mt.name == "extracellular":
            model.geometry_dirty = True

    def _set_pointer(self, name: str, ref) -> None:
        # `seg._ref_<pointer>_<suffix> = ref`, HOC's `setpointer sec.<pointer>_<suffix>(x), &...`
        self.sec._check()
        for mname in self.sec._mechs:
            if name.endswith("_" + mname):
                self.sec._set_pointer(registry.types[mname], name[:-len(mname) - 1], self._j, ref)
                return
        raise AttributeError("cannot assign to _ref_%s: no POINTER of that name here" % name)

    def _range_var(self, name: str):
        """(mechtype, var, element) for a range variable name at this segment, or None."""
        found = registry.find_range_var(name)
        if found is None:
            return None
        mt, var = found
        if mt.name not in self.sec._mechs:
            raise NeuronError("%s, the mechanism of %s, is not inserted in %s"
                              % (mt.name, name, self.sec.name()))
        return mt, var, 0

    def _ref(self, name: str) -> Ref:
        sec = self.sec
        if name == "v":
            x = self.x
            return owned_ref(sec, lambda s: node_location(s, x), "%r.v" % self)
        spec = self._range_var(name)
        if spec is not None:
            mt, var, idx = spec
            if var.is_array:
                return RangeRefArray(self, mt, var)
            return mech_ref(sec, self.x, mt, var.col + idx, "%r.%s" % (self, name))
        maker = _SPECIAL_REF.get(name)
        if maker is not None:
            return maker(self)
        raise AttributeError("'%r' segment has no attribute %r" % (self, name))


def mech_ref(sec, x: float, mt: MechType, col: int, desc: str) -> Ref:
    j = sec._seg_index(x)

    def locate(s):
        row = s._mechs.get(mt.name)
        if row is None:
            raise NeuronError("%s: the mechanism is no longer inserted" % desc)
        return mt.data[col], row + j
    return owned_ref(sec, locate, desc)


class RangeArray:
    """An array range variable at a segment (`seg.vext[1]`, `seg.xg[0]`)."""

    def __init__(self, seg: Segment, mt: MechType, var: VarSpec):
        self._seg, self._mt, self._var = seg, mt, var

    def __len__(self) -> int:
        return self._var.size

    def _check(self, i: int) -> int:
        if not 0 <= i < self._var.size:
            raise IndexError("%s index %d out of range (size %d)" % (self._var.name, i, self._var.size))
        return i

    def __getitem__(self, i: int) -> float:
        i = self._check(i)
        return float(self._mt.data[self._var.col + i, self._seg._mech_row(self._mt)])

    def __setitem__(self, i: int, value: float) -> None:
        i = self._check(i)
        self._mt.data[self._var.col + i, self._seg._mech_row(self._mt)] = float(value)
        if self._mt.name == "extracellular":
            model.geometry_dirty = True


class RangeRefArray:
    """`seg._ref_xg`: `[i]` gives a pointer to element i of an array range variable."""

    def __init__(self, seg: Segment, mt: MechType, var: VarSpec):
        self._seg, self._mt, self._var = seg, mt, var

    def __getitem__(self, i: int) -> Ref:
        if not 0 <= i < self._var.size:
            raise IndexError("%s index %d out of range" % (self._var.name, i))
        seg = self._seg
        return mech_ref(seg.sec, seg.x, self._mt, self._var.col + i, "%r.%s[%d]" % (seg, self._var.name, i))


class Mechanism:
    """`seg.hh`: the variables of one density mechanism at one segment."""

    __slots__ = ("_seg", "_mt")

    def __init__(self, seg: Segment, mt: MechType):
        object.__setattr__(self, "_seg", seg)
        object.__setattr__(self, "_mt", mt)

    def name(self) -> str:
        return self._mt.name

    def segment(self) -> Segment:
        return self._seg

    def is_ion(self) -> bool:
        return self._mt.kind == ION

    def __repr__(self) -> str:
        return "%s.%s" % (self._seg, self._mt.name)

    def _var(self, name: str) -> VarSpec:
        mt = self._mt
        var = mt.by_name.get(name)
        if var is None and mt.kind == ION:
            var = mt.by_name.get(name)
        if var is None or not (var.range or mt.kind == ION and var.kind != "hidden"):
            raise AttributeError("%s has no range variable %r" % (mt.name, name))
        return var

    def __getattr__(self, name: str):
        if name.startswith("_ref_"):
            var = self._var(name[5:])
            seg = self._seg
            return mech_ref(seg.sec, seg.x, self._mt, var.col, "%r.%s" % (self, name[5:]))
        if name in self._mt.functions:
            from .mechfunc import bound_function
            return bound_function(self._mt, name, self._seg)
        var = self._var(name)
        if var.is_array:
            return RangeArray(self._seg, self._mt, var)
        return float(self._mt.data[var.col, self._seg._mech_row(self._mt)])

    def __setattr__(self, name: str, value) -> None:
        if name.startswith("_ref_"):
            self._seg.sec._set_pointer(self._mt, name[5:], self._seg._j, value)
            return
        var = self._var(name)
        if var.is_array:
            raise NeuronError("%s is an array; assign its elements" % name)
        self._mt.data[var.col, self._seg._mech_row(self._mt)] = float(value)

    def __iter__(self):
        mt = self._mt
        names = [v.name for v in mt.vars if v.range and v.kind != "hidden"]
        return iter([RangeVar(self, n) for n in names])

    def __dir__(self):
        """The range variables and FUNCTIONs/PROCEDUREs (dir(seg.hh) as in NEURON)."""
        mt = self._mt
        names = {v.name for v in mt.vars if v.range and v.kind != "hidden"} | set(mt.functions)
        return sorted(names | (set(object.__dir__(self)) - _FORWARDED.get(Mechanism, set())))


class RangeVar:
    """One variable of a mechanism at a segment, as iteration over `seg.hh` yields."""

    def __init__(self, mech: Mechanism, name: str):
        self._mech, self._name = mech, name

    def name(self) -> str:
        mt = self._mech._mt
        if mt.kind == ION or not mt.suffix:
            return self._name
        return "%s_%s" % (self._name, mt.suffix)

    def mechanism(self) -> Mechanism:
        return self._mech

    def __len__(self) -> int:
        return self._mech._mt.by_name[self._name].size

    def __getitem__(self, i: int) -> float:
        val = getattr(self._mech, self._name)
        return val[i] if isinstance(val, RangeArray) else (val if i == 0 else _index_error(i))

    def __repr__(self) -> str:
        return self.name()


def _index_error(i):
    raise IndexError(i)


def _i_membrane_(seg: Segment) -> float:
    if not model.use_fast_imem:
        raise NeuronError("i_membrane_ needs CVode().use_fast_imem(1)")
    model.ensure_built()
    return float(model.built.sav_rhs[model.built.node_index(seg.sec, seg.x)])


def _i_membrane_ref(seg: Segment) -> Ref:
    x = seg.x

    def locate(s):
        if not model.use_fast_imem:
            raise NeuronError("i_membrane_ needs CVode().use_fast_imem(1)")
        b = model.built
        return b.sav_rhs, b.node_index(s, x)
    return owned_ref(seg.sec, locate, "%r.i_membrane_" % seg)


def _i_cap(seg: Segment) -> float:
    model.ensure_built()
    return float(model.built.i_cap[model.built.node_index(seg.sec, seg.x)])


def _i_cap_ref(seg: Segment) -> Ref:
    x = seg.x
    return owned_ref(seg.sec, lambda s: (model.built.i_cap, model.built.node_index(s, x)), "%r.i_cap" % seg)


def _vext(seg: Segment):
    from .extracellular import VextArray
    return VextArray(seg)


def _vext_ref(seg: Segment):
    from .extracellular import VextRefArray
    return VextRefArray(seg)


_SPECIAL_GET = {"i_membrane_": _i_membrane_, "i_cap": _i_cap, "vext": _vext}
_SPECIAL_REF = {"i_membrane_": _i_membrane_ref, "i_cap": _i_cap_ref, "vext": _vext_ref}


# ------------------------------------------------------------ explicit __getattribute__
# NEURON's segments and mechanisms answer `seg.__getattribute__("hh")` and
# `seg.hh.__getattribute__("gnabar")` (NetPyNE reads cells that way).  Those calls bypass
# __getattr__, so each mechanism, range variable and mechanism variable name is also a class
# property that forwards to it (lookups by the usual syntax find the same values).

_FORWARDED = {}   # class -> names given a forwarding property


def _forward(cls, name: str) -> None:
    if name.startswith("_") or name in cls.__dict__ or hasattr(object, name):
        return
    setattr(cls, name, property(lambda self, _n=name: type(self).__getattr__(self, _n)))
    _FORWARDED.setdefault(cls, set()).add(name)


def _expose(mt) -> None:
    if mt.is_point:
        return
    _forward(Segment, mt.name)
    for v in mt.vars:
        if v.range and v.kind != "hidden":
            _forward(Segment, mt.hoc_range_name(v))
            _forward(Mechanism, v.name)
    for f in mt.functions:
        _forward(Mechanism, f)


for _mt in list(registry.order):
    _expose(_mt)
registry.listeners.append(_expose)
