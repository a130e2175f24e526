"""NEURON's section syntax at run time, on top of the engine's model API (`neuron_core`).

HOC's currently accessed section is the engine's (`model.cas()`); `soma { ... }` pushes on
the engine's section stack.  Range variables go through segments (`sec(x).name`), as in
NEURON's Python interface.  Without the engine the language still works; only these
helpers report that sections are unavailable.
"""
from __future__ import annotations

import re

from .errors import HocError
from .values import HocArray


class _NoSection:
    """Stands for the Section type when the engine is absent (nothing is an instance)."""


def hoc_regex(pattern: str) -> "re.Pattern":
    """NEURON's section-name patterns: a regular expression searched anywhere in the name,
    where brackets are literal (so `dend[1]` names that section)."""
    text = pattern.replace("\\[", "[").replace("\\]", "]")
    text = text.replace("[", "\\[").replace("]", "\\]")
    try:
        return re.compile(text)
    except re.error as e:
        raise HocError("bad section name pattern %r: %s" % (pattern, e)) from None


class SectionGlue:

    def __init__(self, interp):
        self.interp = interp
        try:
            import neuron_core
            from neuron_core import treeops
            from neuron_core.segment import Segment
        except ImportError:  # the language works without the engine
            self.core = None
            self.types = (_NoSection,)
            self.Segment = _NoSection
            return
        self.core = neuron_core
        self.model = neuron_core.model
        self.Section = neuron_core.Section
        self.Segment = Segment
        self.treeops = treeops
        self.types = (neuron_core.Section,)

    def need(self) -> None:
        if self.core is None:
            raise HocError("sections need the simulation engine (neuron_core is not installed)")

    # ------------------------------------------------------------ sections

    def cas(self):
        self.need()
        return self.model.cas()

    def create(self, name: str, dims, owner, old):
        """`create name[dims]`: new sections (the old ones of that name are deleted)."""
        self.need()
        self.delete(old)
        prefix = owner.hname() + "." if owner is not None else ""
        # the engine refers to the owning object weakly (as a Python cell), so that the
        # object can be freed, which deletes its sections, as in NEURON
        Section = self.Section
        if not dims:
            return Section(_hoc_name=prefix + name, cell=owner)

        def make(k: int):
            idx = []
            for d in reversed(dims):
                idx.append(k % d)
                k //= d
            label = "".join("[%d]" % i for i in reversed(idx))
            return Section(_hoc_name=prefix + name + label, cell=owner)
        return HocArray(dims, make)

    def delete(self, value) -> None:
        if value is None or self.core is None:
            return
        items = value if isinstance(value, HocArray) else (value,)
        for sec in items:
            if isinstance(sec, self.Section) and not sec._deleted:
                self.treeops.delete_section(sec)

    def push(self, sec) -> int:
        """Push sec; returns the depth before, for `restore_depth`."""
        self.need()
        depth = len(self.model.stack)
        self.model.push_section(sec)
        return depth

    def pop(self) -> None:
        self.model.pop_section()

    def call_with_section(self, sec, fn, *args):
        """fn(*args) with sec as the currently accessed section (None: as it is); Python's
        `sec=` keyword on HOC functions."""
        if sec is None:
            return fn(*args)
        self.need()
        self.model.push_section(sec)
        try:
            return fn(*args)
        finally:
            self.model.pop_section()

    def python_section(self, name: str):
        """The section made in Python with this name (HOC's `_pysec.<name>`), else None."""
        if self.core is None:
            return None
        for sec in self.model.section_list():
            if not sec._hoc_created and sec._name == name:
                return sec
        return None

    def stack_depth(self) -> int:
        return len(self.model.stack) if self.core is not None else 0

    def restore_depth(self, depth: int) -> None:
        if self.core is not None and len(self.model.stack) > depth:
            del self.model.stack[depth:]

    def all(self, owner=None) -> list:
        """All sections, or (inside an object) those the object created."""
        self.need()
        secs = self.model.section_list()
        if owner is not None:
            secs = [s for s in secs if s.cell() is owner]
        return secs

    def matching(self, what, owner=None) -> list:
        if isinstance(what, str):
            rx = hoc_regex(what)
            return [s for s in self.all(owner) if rx.search(s.name())]
        if what is None:
            raise HocError("forsec: SectionList is NULLobject")
        return [s for s in what]

    def ifsec(self, what) -> bool:
        sec = self.cas()
        if isinstance(what, str):
            return hoc_regex(what).search(sec.name()) is not None
        return any(s is sec for s in what)

    def segment_xs(self, ends: float, eps: float) -> list:
        """x values of `for (x)`: 0, the centres, 1 (only the centres when ends is 0), with
        the centres accumulated by repeated addition as NEURON does."""
        n = self.cas().nseg
        dx = 1.0 / n
        out = [0.0] if abs(ends) >= eps else []
        x = dx / 2.0
        for i in range(n):
            out.append(x)
            x += dx
        if abs(ends) >= eps:
            out.append(1.0)
        return out

    # ------------------------------------------------------ range variables

    def rv(self, sec, name: str, x: float):
        if sec is None:
            sec = self.cas()
        try:
            return getattr(sec(x), name)
        except AttributeError:
            raise HocError("%s not a range variable of %s" % (name, sec.name())) from None

    def rv_set(self, sec, name: str, x: float, v) -> None:
        if sec is None:
            sec = self.cas()
        setattr(sec(x), name, v)

    def rv_all(self, sec, name: str, v) -> None:
        if sec is None:
            sec = self.cas()
        setattr(sec, name, v)

    def rv_taper(self, sec, name: str, x0: float, x1: float, y0: float, y1: float,
                 eps: float) -> None:
        if sec is None:
            sec = self.cas()
        for seg in sec:
            x = seg.x
            if x0 - eps <= x <= x1 + eps:
                y = y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)
                setattr(seg, name, y)

    def rvref(self, sec, name: str, x: float):
        if sec is None:
            sec = self.cas()
        try:
            return getattr(sec(x), "_ref_" + name)
        except AttributeError:
            raise HocError("%s not a range variable of %s" % (name, sec.name())) from None

    # ------------------------------------------------------------- statements

    def access(self, sec) -> None:
        self.need()
        if not isinstance(sec, self.Section):
            raise HocError("access needs a section")
        self.model.set_access(sec)

    def connect(self, child, parent) -> None:
        self.need()
        if not isinstance(child, self.Segment):
            raise HocError("connect: the child must be section(0 or 1)")
        if isinstance(parent, self.Segment):
            child.sec.connect(parent, child.x)
        else:
            child.sec.connect(self.cas(), float(parent), child.x)

    def setpointer(self, obj, name: str, ptr) -> None:
        self.need()
        setattr(obj, "_ref_" + name, ptr)

    def install(self, G: dict) -> None:
        interp = self.interp
        types = self.types

        def _pushq(x):
            if isinstance(x, types):
                return self.push(x)
            return self.stack_depth()

        def _eps():
            return G["h_float_epsilon"]

        G.update({
            "_cas": self.cas, "_push": self.push, "_pop": self.pop, "_pushq": _pushq,
            "_popto": self.restore_depth,
            "_access": self.access, "_connect": self.connect,
            "_insert": lambda name: self.cas().insert(name),
            "_uninsert": lambda name: self.cas().uninsert(name),
            "_create": self.create, "_allsec": self.all, "_forsec": self.matching,
            "_ifsec": self.ifsec, "_segxs": lambda ends: self.segment_xs(ends, _eps()),
            "_rv": self.rv, "_rv_set": self.rv_set, "_rv_all": self.rv_all,
            "_rv_taper": lambda sec, name, x0, x1, y0, y1:
                self.rv_taper(sec, name, x0, x1, y0, y1, _eps()),
            "_rvref": self.rvref, "_bref": interp.builtin_ref,
            "_setpointer": self.setpointer,
            "_setpointer_rv": lambda name, x, ptr: self.setpointer(self.cas()(x), name, ptr),
        })
