"""Drawing space plots and shape plots with whatever the user passes: pyplot or a matplotlib
axis, plotly (module or figure), bokeh figures, or a NEURON Graph.  matplotlib and plotly are
optional (the `plot` extra); they are imported only when a plot is asked of them.
"""
from __future__ import annotations

import bisect
from typing import Dict, List, Tuple

import numpy as np

from .errors import NeuronError


def _module_name(obj) -> str:
    return getattr(obj, "__name__", "") if type(obj).__name__ == "module" else ""


def _type_name(obj) -> str:
    t = type(obj)
    return "%s.%s" % (t.__module__, t.__name__)


def _is_hoc_graph(obj) -> bool:
    return type(obj).__module__.startswith("neuron_hoc") or hasattr(type(obj), "_hoc_template")


def plot_xy(graph, x, y, *args, **kwargs):
    """A line through (x, y) on `graph` (NEURON's RangeVarPlot.plot dispatch)."""
    xs, ys = list(x.as_numpy()), list(y.as_numpy())
    if _is_hoc_graph(graph):
        return y.line(graph, x, *args)
    tname = _type_name(graph)
    if tname == "plotly.graph_objs._figure.Figure":
        import plotly.graph_objects as go
        kwargs.setdefault("mode", "lines")
        return graph.add_trace(go.Scatter(x=xs, y=ys, *args, **kwargs))
    if _module_name(graph) == "plotly":
        import plotly.graph_objects as go
        kwargs.setdefault("mode", "lines")
        return go.Figure().add_trace(go.Scatter(x=xs, y=ys, *args, **kwargs))
    if tname == "matplotlib.figure.Figure":
        raise NeuronError("plot to a matplotlib axis, not a matplotlib figure")
    if hasattr(graph, "plot"):
        return graph.plot(xs, ys, *args, **kwargs)
    if hasattr(graph, "line"):
        return graph.line(xs, ys, *args, **kwargs)
    raise NeuronError("Unable to plot to graphs of type %s" % type(graph).__name__)


# ------------------------------------------------------------------ shapes

def segment_polylines(sec) -> List[Tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """For each segment of sec (in order of x), the 3-D points of its stretch of the section:
    the segment's ends interpolated along the arc, with the section's own points between."""
    n3d = sec.n3d()
    arc = np.array([sec.arc3d(i) for i in range(n3d)])
    xyz = np.array([[sec.x3d(i), sec.y3d(i), sec.z3d(i), sec.diam3d(i)] for i in range(n3d)])
    L = sec.L
    out = []
    nseg = sec.nseg
    for j in range(nseg):
        lo, hi = j * L / nseg, (j + 1) * L / nseg
        inner = list(arc[bisect.bisect_right(arc, lo):bisect.bisect_left(arc, hi)])
        s = np.array([lo] + inner + [hi])
        cols = [np.interp(s, arc, xyz[:, c]) for c in range(4)]
        out.append(tuple(cols))
    return out


def point_3d(seg) -> Tuple[float, float, float]:
    sec = seg.sec
    n3d = sec.n3d()
    arc = [sec.arc3d(i) for i in range(n3d)]
    pos = sec.L * seg.x
    return tuple(float(np.interp(pos, arc, [f(i) for i in range(n3d)]))
                 for f in (sec.x3d, sec.y3d, sec.z3d))


def segment_value(seg, variable):
    """The plotted value at a segment (None where the variable does not exist)."""
    if variable is None or variable == "":
        return None
    try:
        if isinstance(variable, str):
            if "." in variable:
                mech, var = variable.split(".", 1)
                return float(getattr(getattr(seg, mech), var))
            return float(getattr(seg, variable))
        vals = [n.concentration for n in variable.nodes(seg)]
        return sum(vals) / len(vals)
    except Exception:
        return None


def color_of(val, cmap, lo: float, hi: float) -> str:
    """'#rrggbb' of val on the colormap scaled to [lo, hi] (256 steps, clipped)."""
    if val is None:
        return "black"
    if hi == lo:
        k = 0 if val < lo else (255 if val > hi else 128)
    else:
        k = int(255 * (min(max(val, lo), hi) - lo) / (hi - lo))
    r, g, b = cmap(k)[:3]
    return "#%02x%02x%02x" % (int(255 * r), int(255 * g), int(255 * b))


def shape_data(ps) -> Dict:
    """What a shape plot draws: sections, variable, scale, mode."""
    from .pt3dmode import define_shape
    define_shape()
    secs = ps._sections()
    return {"sections": secs, "variable": ps._variable, "lo": ps._lo, "hi": ps._hi,
            "mode": ps._mode}


def plot_shape(ps, graph, *args, **kwargs):
    """PlotShape.plot: pyplot (a new figure), a matplotlib Figure, or plotly."""
    mod = _module_name(graph)
    if mod == "matplotlib.pyplot":
        return _matplotlib(ps, graph.figure(), *args, **kwargs)
    if _type_name(graph) == "matplotlib.figure.Figure":
        return _matplotlib(ps, graph, *args, **kwargs)
    if mod == "plotly":
        return _plotly(ps, *args, **kwargs)
    raise NeuronError("PlotShape.plot draws on pyplot, a matplotlib Figure or plotly, not %s"
                      % type(graph).__name__)


def _matplotlib(ps, fig, line_width: float = 2, cmap=None, **kwargs):
    from matplotlib import colormaps
    from mpl_toolkits.mplot3d import Axes3D

    class ShapeAxes(Axes3D):
        """A 3-D axis that knows how to mark a segment and make its box cubic."""

        def mark(self, segment, marker="or", **kw):
            x, y, z = point_3d(segment)
            self.plot([x], [y], [z], marker, **kw)
            return self

        def auto_aspect(self):
            lims = [self.get_xlim(), self.get_ylim(), self.get_zlim()]
            half = max((b - a) / 2 for a, b in lims)
            mids = [(a + b) / 2 for a, b in lims]
            self.auto_scale_xyz(*[[m - half, m + half] for m in mids])

    data = shape_data(ps)
    cmap = cmap if cmap is not None else colormaps["cool"]
    kwargs.setdefault("picker", 2)
    ax = ShapeAxes(fig)
    fig.add_axes(ax)
    labels = {}
    lo, hi, var = data["lo"], data["hi"], data["variable"]
    for sec in data["sections"]:
        for seg, (xs, ys, zs, ds) in zip(sec, segment_polylines(sec)):
            width = seg.diam if data["mode"] == 0 else line_width
            val = segment_value(seg, var)
            style = dict(kwargs)
            if var is not None and hi != lo and "color" not in style:
                style["color"] = color_of(val, cmap, lo, hi)
            (line,) = ax.plot(xs, ys, zs, "-", linewidth=width, **style)
            labels[line] = "%s at %s" % (val, seg) if val is not None else str(seg)
    ax.auto_aspect()
    ax._mouseover_text = ""

    def on_pick(event):
        ax._mouseover_text = labels.get(event.artist, "")
        return True
    fig.canvas.mpl_connect("pick_event", on_pick)
    ax.format_coord = lambda *a: ax._mouseover_text
    return ax


def _plotly(ps, width: float = 2, color=None, cmap=None):
    import plotly.graph_objects as go

    class ShapeFigure(go.FigureWidget):
        """A plotly figure that can mark a segment."""

        def mark(self, segment, marker="or", **kw):
            x, y, z = point_3d(segment)
            kw.setdefault("marker_size", 5)
            kw.setdefault("marker_color", "red")
            kw.setdefault("marker_opacity", 1)
            self.add_trace(go.Scatter3d(x=[x], y=[y], z=[z], name="",
                                        hovertemplate=str(segment), **kw))
            return self

    data = shape_data(ps)
    var, lo, hi = data["variable"], data["lo"], data["hi"]
    traces = []
    if var is None or var == "":
        for sec in data["sections"]:
            n = sec.n3d()
            traces.append(go.Scatter3d(
                x=[sec.x3d(i) for i in range(n)], y=[sec.y3d(i) for i in range(n)],
                z=[sec.z3d(i) for i in range(n)], name="", hovertemplate=str(sec), mode="lines",
                line=go.scatter3d.Line(color=color or "black", width=width)))
    else:
        if cmap is None:
            from matplotlib import colormaps
            cmap = colormaps["cool"]
        for sec in data["sections"]:
            for seg, (xs, ys, zs, ds) in zip(sec, segment_polylines(sec)):
                val = segment_value(seg, var)
                hover = str(seg) + ("<br>%.3f" % val if val is not None else "")
                traces.append(go.Scatter3d(
                    x=list(xs), y=list(ys), z=list(zs), name="", hovertemplate=hover,
                    mode="lines",
                    line=go.scatter3d.Line(color=color or color_of(val, cmap, lo, hi),
                                           width=seg.diam if data["mode"] == 0 else width)))
    return ShapeFigure(data=traces, layout={"showlegend": False})
