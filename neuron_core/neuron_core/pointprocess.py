"""Point processes and artificial cells: one Python class per mechanism (h.IClamp, h.NetStim...).

Instances are located on a segment (`h.IClamp(sec(0.5))`, `h.IClamp(0.5, sec=sec)`) or, for
artificial cells, nowhere.  Each has a stable point-process id that events use to reach it.
"""
from __future__ import annotations

import itertools
import weakref
from typing import Dict, Optional

from .errors import NeuronError
from .mechanisms import registry
from .mechtype import ARTIFICIAL, MechType
from .model import model
from .pointers import random_stream
from .refs import Ref, owned_ref
from .segment import Segment

_PY_RENAMES = {"delay": "del"}  # Python keywords NEURON renames


class PointProcess:
    """Base class; subclasses are made per mechanism by `point_process_class`."""

    _mt: MechType = None
    _counter = None
    _scalar_cols: Dict[str, int] = {}

    def __new__(cls, *args, sec=None, **kwargs):
        """The point process is built here, so that a Python subclass (NEURON's hclass, as
        PyNN uses it) may define an __init__ of its own: as in NEURON, a subclass's object is
        made from its location only (none for an artificial cell)."""
        self = object.__new__(cls)
        if "_mt" in cls.__dict__:
            self._construct(args, sec, kwargs)
        else:
            self._construct(() if cls._mt.artificial else args[:1], sec, {})
        return self

    def __init__(self, *args, sec=None, **kwargs):
        pass

    def _construct(self, args, sec, kwargs) -> None:
        mt = type(self)._mt
        d = self.__dict__
        d["_sec"] = None
        d["_x"] = 0.5
        d["_row"] = -1
        d["_pnt"] = -1
        d["_presyn_id"] = -1
        d["_pointers"] = {}
        d["_index"] = next(type(self)._counter)
        d["_hoc_object"] = None
        if mt.artificial:
            # a location (x, a segment, sec=) is accepted and ignored, as NEURON does
            if len(args) > 1:
                raise NeuronError("%s takes at most one (ignored) location argument" % mt.name)
            d["_pnt"] = model.new_pnt_id(self)
            d["_row"] = mt.alloc(1, self)
        else:
            # with no location (not even sec=) it stays unlocated until loc(), as in NEURON
            loc = args[0] if args else (0.5 if sec is not None else None)
            if loc is not None:
                d["_pnt"] = model.new_pnt_id(self)
                self.loc(loc, sec=sec)
        self._make_streams()
        if self._row >= 0:
            mt.call_instance("constructor", self._row)
        for k, v in kwargs.items():
            setattr(self, k, v)

    def _make_streams(self) -> None:
        """RANDOM variables get their streams at creation, numbered in creation order."""
        mt = self._mt
        for s in mt.slots:
            if s.kind == "random":
                random_stream(self, mt, s.name, self._row)

    # ------------------------------------------------------------ location

    def loc(self, where, sec=None):
        """Move to a segment (or x on `sec`, or x on the currently accessed section)."""
        mt = self._mt
        if mt.artificial:
            raise NeuronError("%s is an artificial cell and has no location" % mt.name)
        if isinstance(where, Segment):
            s, x = where.sec, where.x
        else:
            s = sec if sec is not None else model.cas()
            x = float(where)
        s._check()
        if not 0.0 <= x <= 1.0:
            raise NeuronError("%s location x=%g must be in [0, 1]" % (mt.name, x))
        if mt.ions and x in (0.0, 1.0):
            raise NeuronError("You can not locate a point process at position 0 or 1 if it needs an ion "
                              "(%s at %s(%g))" % (mt.name, s.name(), x))
        for ion in mt.ions:
            ion_mt = registry.ion(ion["name"], ion.get("valence"))
            s._insert_type(ion_mt)
            s._promote_ion(ion["name"], ion)
        d = self.__dict__
        if d["_pnt"] < 0:
            d["_pnt"] = model.new_pnt_id(self)
        if d["_row"] < 0:
            d["_row"] = mt.alloc(1, self)
        if d["_sec"] is not s:     # (moving within a section keeps its place in the list)
            pps = s._pps
            pps.append(weakref.ref(self))
            n = len(pps)
            if n >= 64 and n & (n - 1) == 0:   # now and then, forget the ones that are gone
                pps[:] = [r for r in pps if r() is not None and r()._sec is s]
        d["_sec"] = s
        d["_x"] = s._node_x(x)
        model.structure_dirty = True
        return self

    def get_loc(self) -> float:
        """Pushes the section on the section stack and returns x (as NEURON does)."""
        if self._sec is None:
            raise NeuronError("%s is not located" % self.hname())
        model.push_section(self._sec)
        return self._x

    def get_segment(self):
        if self._sec is None:
            return None
        return self._sec(self._x)

    def has_loc(self) -> float:
        return 1.0 if self._sec is not None and not self._sec._deleted else 0.0

    def _node_index(self, built) -> int:
        if self._sec is None or self._sec._deleted:
            raise NeuronError("%s is not located in a section" % self.hname())
        return built.node_index(self._sec, self._x)

    def _section_deleted(self) -> None:
        if self._row >= 0:
            self._mt.free(self._row)
        self.__dict__["_row"] = -1
        self.__dict__["_sec"] = None
        model.structure_dirty = True

    # -------------------------------------------------------------- names

    def hname(self) -> str:
        return "%s[%d]" % (self._mt.name, self._index)

    def __repr__(self) -> str:
        return self.hname()

    __str__ = hname

    def __del__(self):
        try:
            if self._row >= 0:
                self._mt.free(self._row)
            if self._pnt >= 0:
                from . import netcon
                netcon.point_process_gone(self)
                model.free_pnt_id(self._pnt)
        except Exception:
            pass

    # ---------------------------------------------------------- variables

    def _var(self, name: str):
        mt = self._mt
        var = mt.by_name.get(_PY_RENAMES.get(name, name))
        if var is None:
            var = mt.by_name.get(name)
        if var is None or var.kind == "hidden":
            return None
        return var

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        mt = type(self)._mt
        if name.startswith("_ref_"):
            var = self._var(name[5:])
            if var is None:
                raise AttributeError("%s has no variable %r" % (mt.name, name[5:]))
            return self._ref(var.col, name[5:])
        if name in mt.functions:
            from .mechfunc import pp_function
            return pp_function(self, name)
        if any(s.name == name and s.kind == "random" for s in mt.slots):
            from .nmodlrandom import NMODLRandom
            return NMODLRandom(random_stream(self, mt, name, self._row))
        var = self._var(name)
        if var is None:
            raise AttributeError("%s has no attribute %r" % (mt.name, name))
        if self._row < 0:
            raise NeuronError("%s is not located; its variables are not available" % self.hname())
        if var.is_array:
            return _PPArray(self, var)
        return float(mt.data[var.col, self._row])

    def __setattr__(self, name: str, value) -> None:
        cls = type(self)
        col = cls._scalar_cols.get(name)
        if col is not None:   # the common case, a scalar variable of a located instance
            row = self.__dict__["_row"]
            if row >= 0:
                cls._mt.data[col, row] = float(value)
                return
        mt = cls._mt
        if name.startswith("_ref_"):
            self._set_pointer(name[5:], value)
            return
        var = self._var(name)
        if var is None:
            # private names, and any attribute of a Python subclass (hclass), are Python's
            if name.startswith("_") or "_mt" not in cls.__dict__:
                object.__setattr__(self, name, value)
                return
            raise AttributeError("%s has no attribute %r" % (mt.name, name))
        if var.is_array:
            raise NeuronError("%s is an array; assign its elements" % name)
        if self._row < 0:
            raise NeuronError("%s is not located; its variables are not available" % self.hname())
        mt.data[var.col, self._row] = float(value)

    def _ref(self, col: int, name: str) -> Ref:
        mt = self._mt
        desc = "%s.%s" % (self.hname(), name)

        def locate(pp):
            if pp._row < 0:
                raise NeuronError("%s no longer exists" % desc)
            return mt.data[col], pp._row
        return owned_ref(self, locate, desc)

    def _set_pointer(self, name: str, ref) -> None:
        mt = self._mt
        if not any(s.name == name and s.kind == "pointer" for s in mt.slots):
            raise AttributeError("%s has no POINTER %r" % (mt.name, name))
        if not isinstance(ref, Ref):
            raise TypeError("a POINTER must be set to a _ref_ pointer")
        self._pointers[name] = ref
        model.structure_dirty = True

    def _slot_ref(self, mt, slot_name: str, row: int) -> Optional[Ref]:
        return self._pointers.get(slot_name)


class _PPArray:
    def __init__(self, pp, var):
        self._pp, self._var = pp, var

    def __len__(self) -> int:
        return self._var.size

    def __getitem__(self, i: int) -> float:
        if not 0 <= i < self._var.size:
            raise IndexError("%s index %d out of range" % (self._var.name, i))
        return float(self._pp._mt.data[self._var.col + i, self._pp._row])

    def __setitem__(self, i: int, value: float) -> None:
        if not 0 <= i < self._var.size:
            raise IndexError("%s index %d out of range" % (self._var.name, i))
        self._pp._mt.data[self._var.col + i, self._pp._row] = float(value)


_classes: Dict[str, type] = {}


def _scalar_columns(mt: MechType) -> Dict[str, int]:
    """name -> column of the scalar variables Python may assign (NEURON's renames included)."""
    cols = {name: v.col for name, v in mt.by_name.items() if v.kind != "hidden" and not v.is_array}
    for py, nrn in _PY_RENAMES.items():
        if nrn in cols:
            cols[py] = cols[nrn]
    return cols


def point_process_class(mt: MechType) -> type:
    """The Python class of a point-process mechanism (made once)."""
    cls = _classes.get(mt.name)
    if cls is not None and cls._mt is not mt:
        cls = None      # a model file's mechanism replaced a plugin's of this name
    mt.handed_out = True
    if cls is None:
        base = ArtificialCell if mt.kind == ARTIFICIAL else PointProcess
        cls = type(mt.name, (base,), {"_mt": mt, "_counter": itertools.count(),
                                       "_scalar_cols": _scalar_columns(mt),
                                       "__doc__": mt.meta.get("title") or "%s (NMODL)" % mt.name,
                                       "__module__": "neuron_core.mechanisms"})
        _classes[mt.name] = cls
    return cls


class ArtificialCell(PointProcess):
    """An ARTIFICIAL_CELL: a point process with no location."""
