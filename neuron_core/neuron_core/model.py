"""The model of the process: sections, the section stack, structure state and globals.

NEURON has one model per process; so do we.  Structural edits only mark the model dirty;
`ensure_built()` rebuilds node arrays, mechanism storage and engine pointers lazily, before
the engine runs or a reference is resolved.
"""
from __future__ import annotations

import weakref
from typing import Callable, Iterator, List, Optional

from .engine import eng
from .errors import NeuronError
from .mechanisms import registry


class Model:
    def __init__(self):
        self._sections: List[weakref.ref] = []  # creation order
        self._strong: set = set()              # HOC-created sections stay alive until deleted
        self.stack: list = []
        self.structure_dirty = True
        self.geometry_dirty = True
        self.version = 0                        # bumps at each rebuild
        self.built = None                       # the current build (see build.py)
        self.building = False                   # a rebuild is under way (POINTER slots are
                                                # filled from Refs once storage is in place)
        self.section_counter = 0
        self.point_processes = {}               # pnt id -> PointProcess (weak values)
        self._free_pnt: List[int] = []
        self._next_pnt = 0
        self.on_rebuild: List[Callable[[], None]] = []  # re-resolve stored references
        self.use_fast_imem = False
        self.spine_area = 0.0                   # setSpineArea (um2 per spine3d point)
        self.pt3dconst = 0                      # pt3dconst(1): L and diam leave 3-D points alone
        self.nthread = 1

    # ----------------------------------------------------------- sections

    def add_section(self, sec, strong: bool = False) -> None:
        self._sections.append(weakref.ref(sec))
        if strong:
            self._strong.add(sec)
        self.section_counter += 1
        self.structure_dirty = True

    def forget_section(self, sec) -> None:
        """Called when a section is deleted (explicitly or by garbage collection)."""
        self._strong.discard(sec)
        self.stack[:] = [s for s in self.stack if s is not sec]
        self.structure_dirty = True

    def sections(self) -> Iterator:
        """Live sections in creation order."""
        alive = []
        for r in self._sections:
            s = r()
            if s is not None and not s._deleted:
                alive.append(r)
                yield s
        if len(alive) != len(self._sections):
            self._sections = alive + [r for r in self._sections[len(alive):] if r() is not None
                                      and not r()._deleted and r not in alive]

    def section_list(self) -> list:
        return list(self.sections())

    # ------------------------------------------------------ section stack

    def push_section(self, sec) -> None:
        sec._check()
        self.stack.append(sec)

    def pop_section(self) -> None:
        if not self.stack:
            raise NeuronError("section stack underflow")
        self.stack.pop()

    def cas(self):
        """The currently accessed section: top of the stack, else the default section."""
        if self.stack:
            return self.stack[-1]
        if self.default_section is not None:
            s = self.default_section()
            if s is not None and not s._deleted:
                return s
        for s in self.sections():
            return s
        raise NeuronError("Section access unspecified")

    default_section = None  # weakref set by `access`

    def set_access(self, sec) -> None:
        self.default_section = weakref.ref(sec)

    # ---------------------------------------------------- point processes

    def new_pnt_id(self, pp) -> int:
        pid = self._free_pnt.pop() if self._free_pnt else self._next_pnt
        if pid == self._next_pnt:
            self._next_pnt += 1
        self.point_processes[pid] = weakref.ref(pp)
        self.structure_dirty = True
        return pid

    def free_pnt_id(self, pid: int) -> None:
        self.point_processes.pop(pid, None)
        self._free_pnt.append(pid)
        self.structure_dirty = True

    # -------------------------------------------------------------- build

    def ensure_built(self) -> None:
        if self.building:
            return
        if self.structure_dirty or self.geometry_dirty or _mech_dirty():
            from .build import rebuild
            self.building = True
            try:
                rebuild(self)
            finally:
                self.building = False

    def ensure_runnable(self) -> None:
        """ensure_built, then NEURON's refusal to simulate a mechanism that is not thread safe
        (metadata thread_safe false: DISCRETE, LINEAR, VERBATIM without THREADSAFE...) whose
        instances are in more than one thread."""
        self.ensure_built()
        name = getattr(self.built, "thread_unsafe", None)
        if name:
            raise NeuronError("%s is not thread safe" % name)

    # ------------------------------------------------------------ globals

    @property
    def t(self) -> float:
        return eng.ctx.t

    @t.setter
    def t(self, value: float) -> None:
        eng.ctx.t = value

    @property
    def dt(self) -> float:
        return eng.ctx.dt

    @dt.setter
    def dt(self, value: float) -> None:
        value = float(value)
        if not (1e-9 <= value <= 1e15):
            raise NeuronError("dt = %g out of range [1e-9, 1e15]" % value)
        eng.ctx.dt = value

    @property
    def celsius(self) -> float:
        return eng.ctx.celsius

    @celsius.setter
    def celsius(self, value: float) -> None:
        eng.ctx.celsius = float(value)

    @property
    def secondorder(self) -> int:
        return eng.ctx.secondorder

    @secondorder.setter
    def secondorder(self, value: float) -> None:
        v = int(value)
        if v not in (0, 1, 2):
            raise NeuronError("secondorder must be 0, 1 or 2")
        eng.ctx.secondorder = v


def _mech_dirty() -> bool:
    for mt in registry.order:
        if mt.dirty:
            return True
    return False


model = Model()
