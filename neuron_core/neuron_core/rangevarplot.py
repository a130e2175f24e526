"""RangeVarPlot("var" | callable | "expr with $1"[, begin, end]): a variable along the path
between two points of a cell (NEURON's spaceplt.cpp), as Vectors or drawn with matplotlib,
plotly, bokeh or a Graph.

Where the variable does not exist along the path the points are left out, with NEURON's rules
for the boundaries (a zero is drawn where a stretch of absence starts or ends).
"""
from __future__ import annotations

from typing import Callable, List, Optional

import numpy as np

from . import hocnames, rangepath
from .errors import NeuronError
from .model import model
from .segment import node_owner

f32 = np.float32
_counter = [0]


class _Term:
    """How the plotted quantity is found at (sec, x): a variable name or a function of x."""

    def __init__(self, var):
        self.name = None
        self.func: Optional[Callable[[float], float]] = None
        self.hoc_expr = None
        if isinstance(var, str):
            if "$1" in var:
                self.hoc_expr = "hoc_ac_ = " + var.replace("$1", "hoc_ac_")
            else:
                self.name = var
        elif callable(var):
            self.func = var
        elif hasattr(var, "nodes"):
            self.func = _species_function(var)
        else:
            raise NeuronError("RangeVarPlot needs a range variable name, an expression with $1 "
                              "or a callable, not %r" % (var,))

    def evaluate(self, sec, x: float) -> float:
        model.push_section(sec)
        try:
            if self.func is not None:
                return float(self.func(x))
            hocnames.set_hoc_ac(x)
            hocnames.run(self.hoc_expr)
            return hocnames.get_hoc_ac()
        finally:
            model.pop_section()


def _species_function(species):
    """An rxd species as a function of x in the currently accessed section (NEURON converts
    species the same way): the mean concentration of its nodes in that segment."""
    def value(x):
        seg = model.cas()(x)
        nodes = species.nodes(seg)
        vals = [n.concentration for n in nodes]
        if not vals:
            raise NeuronError("no node of the species here")
        return sum(vals) / len(vals)
    return value


class RangeVarPlot:
    """A space plot: `to_vector`, `from_vector`, `left`, `right`, `list`, `plot`..."""

    def __init__(self, var, begin=None, end=None, sec=None):
        self._term = _Term(var)
        self._label = var if isinstance(var, str) else "pyobj"
        self._begin = self._end = None
        self._origin = f32(0.0)
        self._color = 1
        self._path: List[rangepath.PathPoint] = []
        self._d2root = 0.0
        self._version = -1
        self._index = _counter[0]
        _counter[0] += 1
        if begin is not None:
            self._begin = _location(begin, sec)
        if end is not None:
            self._end = _location(end, sec)
        self._set_path()

    # ------------------------------------------------------------ path

    def begin(self, where, sec=None) -> float:
        self._begin = _location(where, sec)
        self._set_path()
        return 1.0

    def end(self, where, sec=None) -> float:
        self._end = _location(where, sec)
        self._set_path()
        return 1.0

    def _set_path(self) -> None:
        self._path = []
        self._points = []
        self._version = model.version
        if self._begin is None or self._end is None:
            return
        (s1, x1), (s2, x2) = self._begin, self._end
        if s1._deleted or s2._deleted:
            return
        self._path, self._d2root = rangepath.walk(s1, x1, s2, x2)
        self._version = model.version
        self._fill()

    def _current(self) -> None:
        model.ensure_built()
        if self._version != model.version:
            self._set_path()

    def origin(self, x) -> float:
        self._origin = f32(x)
        self._fill()
        return 1.0

    def d2root(self) -> float:
        return float(self._d2root)

    def left(self) -> float:
        self._current()
        return float(f32(self._path[0].len + self._origin)) if self._path else float(self._origin)

    def right(self) -> float:
        self._current()
        return float(f32(self._path[-1].len + self._origin)) if self._path else float(self._origin)

    def list(self, seclist) -> float:
        """Append the sections of the path, in path order, to a SectionList."""
        self._current()
        last = None
        for p in self._path:
            if p.sec is not last:
                last = p.sec
                seclist.append(sec=last)
        return 0.0

    def color(self, *args) -> int:
        old = self._color
        if args:
            c = int(args[0])
            if not 0 <= c <= 100:
                raise NeuronError("RangeVarPlot.color: index out of range [0, 100]")
            self._color = c
        return old

    # ------------------------------------------------------------ values

    def _exists(self, p: rangepath.PathPoint):
        """(exists, pointer or None) for a path point."""
        x = float(p.x)
        if self._term.name is None:
            try:
                self._term.evaluate(p.sec, x)
            except Exception:
                return False, None
            return True, ("f", p.sec, x)
        name = self._term.name
        base = name.split("[")[0]
        if base == "v":
            return True, _ref(p.sec, x, name)
        from .mechanisms import registry
        found = registry.find_range_var(base)
        pseudo = base in ("diam", "cm", "i_cap", "i_membrane_", "vext", "i_membrane")
        if found is None and not pseudo:
            return None, None
        owner, where = node_owner(p.sec, x)
        if where == "root" or where == owner._nseg:
            return False, None
        if found is not None and found[0].name not in owner._mechs:
            return False, None
        try:
            return True, _ref(p.sec, x, name)
        except Exception:
            return True, None

    def _fill(self) -> None:
        """The plotted points and what each reads (NEURON's fill_pointers)."""
        pts = []
        if self._path:
            absent = 0
            prev = None
            n = len(self._path)
            for i, p in enumerate(self._path):
                ok, ptr = self._exists(p)
                if ok is None:              # an unknown name plots nothing
                    pts = []
                    break
                pos = f32(p.len + self._origin)
                if ok:
                    if absent > 1:
                        pts.append((f32(self._path[i - 1].len + self._origin), None))
                        pts.append((f32(self._path[i - 1].len + self._origin), ptr))
                    if i == 1 and absent == 1:
                        pts.append((f32(self._path[i - 1].len + self._origin), ptr))
                    pts.append((pos, ptr))
                    absent = 0
                    prev = ptr
                else:
                    if absent == 1:
                        pts.append((f32(self._path[i - 1].len + self._origin), prev))
                        pts.append((f32(self._path[i - 1].len + self._origin), None))
                    if i == n - 1 and absent == 0:
                        pts.append((pos, prev))
                    absent += 1
        self._points = pts

    def _values(self) -> np.ndarray:
        self._current()
        out = np.zeros(len(self._points))
        for i, (_, ptr) in enumerate(self._points):
            if ptr is None:
                continue
            if isinstance(ptr, tuple):
                out[i] = self._term.evaluate(ptr[1], ptr[2])
            else:
                out[i] = ptr[0]
        return out

    def to_vector(self, yvec, xvec=None) -> float:
        """Copy the values (and with xvec the positions) into Vectors; returns the count."""
        y = self._values()
        yvec.resize(len(y))
        yvec.as_numpy()[:] = y
        if xvec is not None:
            xvec.resize(len(y))
            xvec.as_numpy()[:] = [float(p[0]) for p in self._points]
        return float(len(y))

    def vector(self):
        from .vector import Vector
        v = Vector()
        self.to_vector(v)
        return v

    def from_vector(self, yvec) -> float:
        """Write the Vector's values into the variables along the path."""
        self._current()
        y = yvec.as_numpy() if hasattr(yvec, "as_numpy") else np.asarray(yvec, dtype=float)
        for i, (_, ptr) in enumerate(self._points):
            if ptr is not None and not isinstance(ptr, tuple):
                ptr[0] = float(y[i])
        return float(len(self._points))

    def plot(self, graph, *args, **kwargs):
        """Draw the current values on pyplot, a matplotlib axis, plotly, bokeh or a Graph."""
        from .plotting import plot_xy
        from .vector import Vector
        y, x = Vector(), Vector()
        self.to_vector(y, x)
        return plot_xy(graph, x, y, *args, **kwargs)

    def hname(self) -> str:
        return "RangeVarPlot[%d]" % self._index

    def __repr__(self) -> str:
        return self.hname()


def _location(where, sec):
    from .segment import Segment
    if isinstance(where, Segment):
        return where.sec, float(where.x)
    s = sec if sec is not None else model.cas()
    return s, float(where)


def _ref(sec, x: float, name: str):
    """A pointer to name at sec(x) with NEURON's reading of x (v at the ends is the end node,
    a mechanism's variable is that of the end segment)."""
    seg = sec(x)
    if "[" in name:
        base, idx = name.split("[", 1)
        return getattr(seg, "_ref_" + base)[int(idx.rstrip("]"))]
    return getattr(seg, "_ref_" + name)
