"""Vector.record / play (through the engine's recording module) and the plotting methods.

Plotting needs a Graph; without a screen a Graph may still accept the request through
`_plot_vector(kind, vec, args)`, otherwise plotting does nothing and returns the Vector.
"""
from __future__ import annotations

from ..errors import NeuronError
from .args import is_number, nargs, num
from ._storage import VectorStorage


def _strip_point_process(args: tuple) -> tuple:
    """record(pp, ref, ...) / play(pp, ref, ...): the point process only locates the cell."""
    if len(args) >= 2 and not is_number(args[1]) and not isinstance(args[1], VectorStorage):
        return args[1:]
    return args


def _recording():
    from .. import recording

    return recording


class SimMixin:
    __slots__ = ()

    def record(self, *args, sec=None) -> "SimMixin":
        """record(ref[, Dt | tvec]): store the variable's trajectory into this Vector."""
        args = _strip_point_process(args)
        nargs(args, 1, 2, "Vector.record")
        ref = args[0]
        if is_number(ref):
            raise NeuronError("Vector.record: a number was provided instead of a pointer "
                              "(did you forget _ref_ in Python or & in HOC?)")
        dt = tvec = None
        if len(args) == 2:
            if isinstance(args[1], VectorStorage):
                tvec = args[1]
            else:
                dt = num(args[1], "Vector.record")
        _recording().record(self, ref, dt=dt, tvec=tvec)
        return self

    def play(self, *args, sec=None) -> "SimMixin":
        """play(ref, Dt | tvec[, continuous]): drive the variable from this Vector."""
        args = _strip_point_process(args)
        nargs(args, 2, 3, "Vector.play")
        ref = args[0]
        if is_number(ref):
            raise NeuronError("Vector.play: the index form play(i) needs a pointer; "
                              "use play(ref, Dt | tvec)")
        dt = tvec = None
        if isinstance(args[1], VectorStorage):
            tvec = args[1]
        else:
            dt = num(args[1], "Vector.play")
        continuous = args[2] if len(args) == 3 else False
        if not isinstance(continuous, VectorStorage):
            continuous = bool(num(continuous, "Vector.play"))
        _recording().play(self, ref, dt=dt, tvec=tvec, continuous=continuous)
        return self

    def play_remove(self) -> float:
        """Stop both recording into and playing from this Vector."""
        _recording().remove(self)
        return 1.0

    def record_remove(self) -> float:
        _recording().remove(self)
        return 1.0

    # ------------------------------------------------------------------ plotting

    def _plot(self, kind: str, graph, args: tuple) -> "SimMixin":
        if graph is None or is_number(graph) or isinstance(graph, (str, VectorStorage)):
            raise NeuronError("Vector.%s: first argument must be a Graph" % kind)
        plot = getattr(graph, "_plot_vector", None)
        if plot is not None:
            plot(kind, self, args)
        return self

    def plot(self, graph, *args) -> "SimMixin":
        """Plot by reference on a Graph (vs index, x Vector or x increment)."""
        nargs(args, 0, 3, "Vector.plot")
        return self._plot("plot", graph, args)

    def line(self, graph, *args) -> "SimMixin":
        """Plot the current values on a Graph."""
        nargs(args, 0, 3, "Vector.line")
        return self._plot("line", graph, args)

    def mark(self, graph, *args) -> "SimMixin":
        nargs(args, 1, 5, "Vector.mark")
        return self._plot("mark", graph, args)

    def ploterr(self, graph, *args) -> "SimMixin":
        nargs(args, 2, 5, "Vector.ploterr")
        return self._plot("ploterr", graph, args)
