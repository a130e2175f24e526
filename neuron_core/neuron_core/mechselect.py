"""MechanismType(0 | 1): the density mechanisms or the point processes as a list to select from,
insert, remove or instantiate by index or name (NEURON's nrnmenu.cpp class).

The list follows NEURON's type order: the mechanisms NEURON builds in (morphology,
capacitance, pas, extracellular, ..., hh, NetStim, ...) at NEURON's type numbers, then the
others in the order they were loaded.
"""
from __future__ import annotations

import os
import sys
from typing import Callable, List, Union

from . import mechvars
from .errors import NeuronError
from .mechanisms import registry
from .mechtype import ARTIFICIAL, ION
from .model import model
from .parallel.strdef import set_text

_counter = [0]


def type_names(point: bool) -> List[str]:
    """Mechanism names of one kind in NEURON's type order."""
    names = [] if point else ["morphology", "capacitance"]
    if not point and "extracellular" not in registry.types:
        names.append("extracellular")
    names += [mt.name for mt in registry.order if mt.is_point == point]
    return sorted(names, key=internal_type_of)


def internal_type_of(name: str) -> int:
    """NEURON's type number for its built-in mechanisms; later ones count up from there."""
    t = mechvars.NEURON_TYPES.get(name)
    if t is not None:
        return t
    k = 0
    for mt in registry.order:
        if mt.name in mechvars.NEURON_TYPES or mt.name == "extracellular":
            continue
        if mt.name == name:
            return mechvars.FIRST_USER_TYPE + k
        k += 1
    raise NeuronError("%s is not a mechanism" % name)


def _unlocated(cls):
    """A new point process that is in no section, as NEURON's make gives (the constructor
    places a point process made without arguments in the currently accessed section)."""
    pp = cls()
    sec = pp._sec
    if sec is not None:
        pp._section_deleted()
        sec._pps[:] = [r for r in sec._pps if r() is not pp]
    return pp


class MechanismType:
    """MechanismType(0): density mechanisms; MechanismType(1): point processes."""

    def __init__(self, point: float):
        p = int(point)
        if p not in (0, 1):
            raise NeuronError("MechanismType argument must be 0 or 1")
        self._point = bool(p)
        self._names = type_names(self._point)
        self._selected = 0
        self._action: Union[str, Callable, None] = ""
        self._iter = None
        self._index = _counter[0]
        _counter[0] += 1

    # --------------------------------------------------------- selection

    def count(self) -> int:
        return len(self._names)

    def select(self, which) -> float:
        """select(i) or select("name"); an unknown name leaves the selection unchanged."""
        if isinstance(which, str):
            if which in self._names:
                self._selected = self._names.index(which)
            return 0.0
        i = int(which)
        if not -1 <= i <= self.count() - 1:
            raise NeuronError("MechanismType.select: index %d out of range [-1, %d]"
                              % (i, self.count() - 1))
        self._selected = i
        return 0.0

    def selected(self, strdef=None) -> int:
        """The selected index; a strdef argument receives the selected name."""
        if strdef is not None:
            set_text(strdef, self._names[self._selected] if self._selected >= 0 else "")
        return self._selected

    def _name(self) -> str:
        if self._selected < 0:
            raise NeuronError("MechanismType: no mechanism is selected")
        return self._names[self._selected]

    def internal_type(self) -> float:
        if self._selected < 0:
            return 0.0
        return float(internal_type_of(self._name()))

    def _item(self, i) -> str:
        i = int(i)
        if not 0 <= i < self.count():
            raise NeuronError("MechanismType: index %d out of range [0, %d]" % (i, self.count() - 1))
        return self._names[i]

    def is_netcon_target(self, i) -> bool:
        mt = registry.types.get(self._item(i))
        return bool(mt is not None and mt.is_point and mt.meta.get("net_receive"))

    def has_net_event(self, i) -> bool:
        mt = registry.types.get(self._item(i))
        return bool(mt is not None and mt.meta.get("has_net_event"))

    def is_artificial(self, i) -> bool:
        mt = registry.types.get(self._item(i))
        return bool(mt is not None and mt.kind == ARTIFICIAL)

    def is_ion(self) -> bool:
        if self._selected < 0:
            return False
        mt = registry.types.get(self._name())
        return bool(mt is not None and mt.kind == ION)

    # ---------------------------------------------------- make and remove

    def make(self, target=None, sec=None, _out=None):
        """Density mechanisms: insert the selection into the section.  Point processes: a new,
        unlocated instance of the selection, stored into `target` (`h.ref(None)`) and returned."""
        name = self._name()
        if not self._point:
            s = sec if sec is not None else model.cas()
            if name not in mechvars.PSEUDO:
                s.insert(name)
            return 0.0
        from .pointprocess import point_process_class
        if not (target is not None and hasattr(target, "__setitem__")) and _out is None:
            raise NeuronError("MechanismType.make: pass an object reference (h.ref(None)) to "
                              "receive the new %s" % name)
        pp = _unlocated(point_process_class(registry.get(name)))
        if _out is not None:
            _out[:] = [pp]
        else:
            target[0] = pp
        return 0.0

    def remove(self, sec=None) -> float:
        """Uninsert the selected density mechanism from the section (nothing if absent)."""
        if self._point:
            return 0.0
        name = self._name()
        s = sec if sec is not None else model.cas()
        if name in mechvars.PSEUDO:
            sys.stderr.write("Can't uninsert mechanism %s\n" % name)
            return 0.0
        if name in s._mechs:
            s.uninsert(name)
        return 0.0

    # ------------------------------------------------- point-process walk

    def pp_begin(self, sec=None):
        """The first point process of the selected type located in the section (its parent
        node, then its nodes in order; at one node the most recent first)."""
        if not self._point:
            raise NeuronError("Not a MechanismType(1)")
        s = sec if sec is not None else model.cas()
        model.ensure_built()
        b = model.built
        name = self._name()
        order = {}
        nodes = [b.node_index(s, 0.0 if s._childend == 0.0 else 1.0)]
        nodes += [s._node0 + k for k in range(s._nseg + 1)]
        rank = {nd: k for k, nd in enumerate(nodes)}
        for seq, r in enumerate(s._pps):
            pp = r()
            if pp is None or pp._sec is not s or pp._mt.name != name or pp._row < 0:
                continue
            nd = b.node_index(s, pp._x)
            order[pp] = (rank.get(nd, len(nodes)), -seq)
        self._iter = iter(sorted(order, key=order.get))
        return self.pp_next()

    def pp_next(self):
        if self._iter is None:
            return None
        return next(self._iter, None)

    # ------------------------------------------------------ source, GUI

    def file(self) -> str:
        """The .mod file of the selected mechanism ("" for those built in C)."""
        if self._selected < 0:
            return ""
        mt = registry.types.get(self._name())
        if mt is None or mt.kind == ION:
            return ""
        return str(mt.meta.get("path") or mt.meta.get("file") or "")

    def code(self) -> str:
        """The NMODL text of the selected mechanism."""
        path = self.file()
        if path and os.path.exists(path):
            with open(path) as f:
                return f.read()
        return ""

    def menu(self) -> float:
        """Without a screen there is no menu."""
        return 0.0

    def action(self, stmt=None) -> float:
        """The statement or callable a menu selection runs (kept for the menu)."""
        self._action = stmt if callable(stmt) else ("" if stmt is None else str(stmt))
        return 0.0

    def hname(self) -> str:
        return "MechanismType[%d]" % self._index

    def __repr__(self) -> str:
        return self.hname()
