"""MechanismStandard(name[, vartype]): a private set of values for one mechanism's variables,
copied from and to segments, point processes and other standards (NEURON's nrnmenu.cpp
class; the GUI panel is a no-op without a screen)."""
from __future__ import annotations

from typing import Dict, Optional, TextIO

import numpy as np

from . import mechvars
from .errors import NeuronError
from .mechvars import MechVar
from .model import model
from .parallel.strdef import set_text

_counter = [0]


class MechanismStandard:
    """Default values of a mechanism's PARAMETERs (vartype 1), ASSIGNED (2), STATEs (3), all of
    them (0), or the names of its GLOBALs (-1)."""

    def __init__(self, name, vartype: float = 1):
        name = _name_of(name)
        vartype = int(vartype)
        if not -1 <= vartype <= 3:
            raise NeuronError("MechanismStandard: vartype %d out of range [-1, 3]" % vartype)
        if not mechvars.is_known(name):
            raise NeuronError("%s is not a Mechanism or Point Process" % name)
        self._name = name
        self._vartype = vartype
        self._all = mechvars.variables(name)
        self._by_name: Dict[str, MechVar] = {v.name: v for v in self._all}
        self._values: Dict[str, np.ndarray] = {v.name: np.full(v.size, v.default) for v in self._all}
        if vartype == -1:
            self._globals = mechvars.global_names(name)
            self._listed = []
        else:
            self._globals = []
            self._listed = mechvars.select(self._all, vartype)
        self._action = ""
        self._pyact = None
        self._index = _counter[0]
        _counter[0] += 1

    # ------------------------------------------------------------ names

    def count(self) -> int:
        return len(self._globals) if self._vartype == -1 else len(self._listed)

    def name(self, strdef=None, i=None):
        """name(strdef): the mechanism name; name(strdef, i): the i-th variable name, returning
        its array size."""
        if i is None:
            if strdef is not None:
                set_text(strdef, self._name)
                return 0
            return self._name
        i = int(i)
        if not 0 <= i < self.count():
            raise NeuronError("MechanismStandard.name: index %d out of range [0, %d]"
                              % (i, self.count() - 1))
        if self._vartype == -1:
            nm, size = self._globals[i]
        else:
            nm, size = self._listed[i].name, self._listed[i].size
        if strdef is not None:
            set_text(strdef, nm)
        return int(size)

    def is_array(self, i) -> bool:
        self._check("is_array")
        return self._listed[int(i)].is_array

    # ----------------------------------------------------------- values

    def _var(self, name: str, method: str) -> MechVar:
        self._check(method)
        v = self._by_name.get(str(name))
        if v is None:
            raise NeuronError("%s not in this property" % name)
        return v

    def set(self, name, value, index=0) -> float:
        v = self._var(name, "set")
        i = _index(v, index)
        if v.vartype in (mechvars.POINTER, mechvars.RANDOM):
            raise NeuronError("MechanismStandard.set: %s is a %s, which a standard does not hold"
                              % (v.name, "POINTER" if v.vartype == mechvars.POINTER else "RANDOM"))
        self._values[v.name][i] = float(value)
        return 0.0

    def get(self, name, index=0) -> float:
        v = self._var(name, "get")
        return float(self._values[v.name][_index(v, index)])

    # ---------------------------------------------------------- copying

    def _copied(self):
        """The variables in/out copy: those of this standard's type, every value-holding one for 0."""
        if self._vartype == 0:
            return [v for v in self._all if v.vartype not in (mechvars.POINTER, mechvars.RANDOM)]
        return [v for v in self._all if v.vartype == self._vartype]

    def _sites(self, args, sec, all_segments: bool):
        from .pointprocess import PointProcess
        from .segment import Segment
        if args and isinstance(args[0], MechanismStandard):
            return None, args[0]
        if args and isinstance(args[0], PointProcess):
            site = mechvars.point_site(self._name, args[0])
            return ([site] if site is not None else []), None
        if args and isinstance(args[0], Segment):
            s, x = args[0].sec, args[0].x
        elif args and args[0] is not None and not isinstance(args[0], (int, float)):
            raise NeuronError("Object arg must be MechanismStandard or a Point Process or a "
                              "nrn.Segment, not %r" % (args[0],))
        else:
            s = sec if sec is not None else model.cas()
            x = None if not args else float(args[0])
            if x is not None and not 0.0 <= x <= 1.0:
                raise NeuronError("MechanismStandard: x = %g out of range [0, 1]" % x)
        if x is None:
            xs = [seg.x for seg in s] if all_segments else [(0.5) / s.nseg]
        else:
            xs = [x]
        sites = [mechvars.segment_site(self._name, s, xx) for xx in xs]
        return [st for st in sites if st is not None], None

    def _in(self, *args, sec=None) -> float:
        """Copy values into this standard from a segment's mechanism (the first segment of the
        section when no x is given), a point process or another standard of the same type."""
        self._check("in")
        sites, other = self._sites(args, sec, all_segments=False)
        if other is not None:
            if other._name == self._name and other is not self:
                for v in self._copied():
                    self._values[v.name][:] = other._values[v.name]
            return 0.0
        for site in sites[:1]:
            for v in self._copied():
                self._values[v.name][:] = site.get(v)
        return 0.0

    def out(self, *args, sec=None) -> float:
        """Copy this standard's values to every segment of a section (or the segment with x),
        a point process or another standard of the same type."""
        self._check("out")
        sites, other = self._sites(args, sec, all_segments=True)
        if other is not None:
            if other._name == self._name and other is not self:
                for v in self._copied():
                    other._values[v.name][:] = self._values[v.name]
            return 0.0
        for site in sites:
            for v in self._copied():
                site.set(v, self._values[v.name])
        if sites and self._name in mechvars.PSEUDO:
            model.geometry_dirty = True
        return 0.0

    # --------------------------------------------------------- GUI, save

    def panel(self, label: Optional[str] = None) -> float:
        """Without a screen there is no panel to show."""
        self._check("panel")
        return 0.0

    def action(self, stmt=None) -> float:
        """The statement or callable a panel runs when a value changes (kept for the panel)."""
        self._check("action")
        if callable(stmt):
            self._pyact = stmt
        else:
            self._action = "" if stmt is None else str(stmt)
        return 0.0

    def save(self, objref, stream: Optional[TextIO] = None) -> float:
        """Write HOC statements recreating this standard (as a session file holds them) to
        `stream`; NEURON writes only while a session is being saved, so without a stream
        nothing is written."""
        self._check("save")
        if stream is not None:
            stream.write(self.save_text(str(objref)))
        return 0.0

    def save_text(self, objref: str) -> str:
        lines = ['%s = new MechanismStandard("%s")' % (objref, self._name)]
        for v in self._all:
            if self._vartype == 0 or v.vartype == self._vartype:
                for i in range(v.size):
                    lines.append('%s.set("%s", %s, %d)' % (objref, v.name,
                                                            _fmt_g(self._values[v.name][i]), i))
        return "\n".join(lines) + "\n"

    # ----------------------------------------------------------- misc

    def _check(self, method: str) -> None:
        if self._vartype == -1:
            raise NeuronError("%s  MechanismStandard method not implemented for GLOBAL type" % method)

    def hname(self) -> str:
        return "MechanismStandard[%d]" % self._index

    def __repr__(self) -> str:
        return self.hname()


# `ms.in(...)` from HOC: `in` is a Python keyword, so the method is also reachable by that name
setattr(MechanismStandard, "in", MechanismStandard._in)


def _index(v: MechVar, index) -> int:
    i = int(index)
    if not 0 <= i < v.size:
        raise NeuronError("%s index %d out of range [0, %d]" % (v.name, i, v.size - 1))
    return i


def _name_of(name) -> str:
    if isinstance(name, str):
        return str(name)
    nm = getattr(name, "name", None)
    if callable(nm):
        nm = nm()
    if isinstance(nm, str):
        return nm
    raise NeuronError("MechanismStandard needs a mechanism name string")


def _fmt_g(x: float) -> str:
    return "%g" % x
