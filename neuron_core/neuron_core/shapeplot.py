"""Shape and PlotShape: the cell's 3-D shape, and the shape colored by a range variable.

Without a screen the window methods do what NEURON's do when it has none (the values they
return are NEURON's).  What works everywhere: the sections shown (constructor list, observe),
the variable and color scale, the display mode (show), and PlotShape.plot, which draws with
matplotlib or plotly.
"""
from __future__ import annotations

from typing import List, Optional

from .errors import NeuronError
from .model import model

_counter = {"Shape": 0, "PlotShape": 0}


def _window_method(value, name: str):
    def method(self, *args, **kwargs):
        return value
    method.__name__ = name
    method.__doc__ = "Window method; without a screen it returns %r, as NEURON does." % (value,)
    return method


class _Chained(float):
    """The number 1 that also reaches the PlotShape's methods (for call chains)."""

    def __new__(cls, target):
        self = float.__new__(cls, 1.0)
        self._target = target
        return self

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._target, name)


class _Scene:
    """What Shape and PlotShape share: the sections shown and the display mode."""

    _kind = ""

    def __init__(self, *args):
        from .seclist import SectionList
        self._list: Optional[SectionList] = None
        rest = list(args)
        if rest and isinstance(rest[0], SectionList):
            self._list = rest.pop(0)
        if len(rest) > 1 or (rest and not isinstance(rest[0], (int, float, bool))):
            raise NeuronError("%s([SectionList][, 0])" % self._kind)
        self._mode = 1
        self._index = _counter[self._kind]
        _counter[self._kind] += 1

    def _sections(self) -> List:
        if self._list is not None:
            return [s for s in self._list if not s._deleted]
        return model.section_list()

    def observe(self, seclist=None) -> float:
        """Show the sections of the list (all sections without one)."""
        self._list = seclist
        return 0.0

    def show(self, *mode):
        """0: diameters, 1: centroid lines, 2: schematic; without an argument, the mode."""
        if mode:
            m = int(mode[0])
            if m not in (0, 1, 2):
                raise NeuronError("%s.show: mode must be 0, 1 or 2" % self._kind)
            self._mode = m
            return 1.0
        return float(self._mode)

    def nearest_seg(self, *args):
        return None

    def selected_seg(self, *args):
        return None

    def hname(self) -> str:
        return "%s[%d]" % (self._kind, self._index)

    def __repr__(self) -> str:
        return self.hname()


_COMMON = {"begin": 1.0, "beginline": 1.0, "color": 0.0, "color_all": 0.0, "color_list": 0.0,
           "erase": 1.0, "erase_all": 1.0, "exec_menu": 0.0, "flush": 1.0, "gif": 0.0,
           "label": 1.0, "len_scale": 0.0, "line": 1.0, "mark": 1.0, "menu_action": 1.0,
           "menu_tool": 1.0, "nearest": 0.0, "printfile": 1.0, "push_selected": -1.0,
           "rotate": 0.0, "save_name": 1.0, "size": 0.0, "unmap": 0.0, "view": 1.0,
           "view_count": 0.0}
for _name, _value in _COMMON.items():
    setattr(_Scene, _name, _window_method(_value, _name))


class Shape(_Scene):
    """Shape([SectionList][, 0]): the shape of all (or the listed) sections."""

    _kind = "Shape"


for _name, _value in (("action", 1.0), ("point_mark", 0.0), ("point_mark_remove", 0.0),
                      ("select", 1.0)):
    setattr(Shape, _name, _window_method(_value, _name))


class PlotShape(_Scene):
    """PlotShape([SectionList][, 0]): the shape colored by a variable (default scale -80..40)."""

    _kind = "PlotShape"

    def __init__(self, *args):
        super().__init__(*args)
        self._variable = ""
        self._lo, self._hi = -80.0, 40.0

    def variable(self, var) -> float:
        """The range variable name ("v", "m_hh", "hh.m") or rxd species shown.  Returns 1, as
        NEURON does, in a form that also allows `ps.variable("v").plot(pyplot)`."""
        self._variable = var
        self._lo, self._hi = -80.0, 40.0
        return _Chained(self)

    def scale(self, lo, hi) -> float:
        self._lo, self._hi = float(lo), float(hi)
        return 1.0

    def show(self, *mode):
        r = super().show(*mode)
        return r if mode else int(self._mode)

    def plot(self, graph, *args, **kwargs):
        """Draw with pyplot (a new figure), a matplotlib Figure, or plotly; returns the axis
        (or figure), which has mark(segment)."""
        from .plotting import plot_shape
        return plot_shape(self, graph, *args, **kwargs)


for _name, _value in (("colormap", 1.0), ("fastflush", 1.0), ("hinton", 1.0)):
    setattr(PlotShape, _name, _window_method(_value, _name))
