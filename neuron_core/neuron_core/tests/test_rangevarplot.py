"""RangeVarPlot paths and values, Shape/PlotShape without a screen, and drawing with
matplotlib; the expected numbers are NEURON 9.0.2's for the same model."""
import pytest

from neuron import h

X1 = [-50.0, -37.5, -12.5, 0.0, 3.3333332538604736, 10.0, 16.66666603088379, 20.0, 30.0, 50.0,
      70.0, 75.0, 85.0, 95.0, 100.0]
Y1 = [16.0, 15.0, 14.0, 13.0, 2.0, 3.0, 4.0, 6.0, 7.0, 8.0, 17.0, 18.0, 19.0, 20.0, 21.0]


@pytest.fixture
def tree():
    soma, d1, d2, d3 = (h.Section(name="rv_" + n) for n in ("soma", "d1", "d2", "d3"))
    d1.connect(soma(1))
    d2.connect(soma(0))
    d3.connect(d1(0.5))
    for s, L, n in ((soma, 20, 3), (d1, 100, 5), (d2, 50, 2), (d3, 30, 3)):
        s.L, s.nseg = L, n
        s.insert("pas")
    h.finitialize(-65)
    i = 0
    for s in (soma, d1, d2, d3):
        for seg in s.allseg():
            i += 1
            seg.v = i
    yield soma, d1, d2, d3
    for s in (d3, d2, d1, soma):
        h.delete_section(sec=s)


def show(r):
    y, x = h.Vector(), h.Vector()
    n = r.to_vector(y, x)
    sl = h.SectionList()
    r.list(sl)
    return n, r.left(), r.right(), x.to_python(), y.to_python(), [s.name() for s in sl]


def test_paths_through_the_root(tree):
    soma, d1, d2, d3 = tree
    assert show(h.RangeVarPlot("v", d2(1), d3(1))) == (
        15.0, -50.0, 100.0, X1, Y1, ["rv_d2", "rv_soma", "rv_d1", "rv_d3"])
    n, left, right, x, y, secs = show(h.RangeVarPlot("v", d3(1), d2(1)))
    assert (left, right) == (-100.0, 50.0)
    assert x == [-v for v in X1[::-1]] and y == Y1[::-1]
    assert secs == ["rv_d3", "rv_d1", "rv_soma", "rv_d2"]


def test_paths_within_a_section_and_from_a_branch_point(tree):
    soma, d1, d2, d3 = tree
    assert show(h.RangeVarPlot("v", d1(0.2), d1(0.9)))[1:5] == (
        0.0, 60.0, [0.0, 20.0, 40.0, 60.0], [8.0, 17.0, 10.0, 11.0])
    assert show(h.RangeVarPlot("v", d1(0.9), d1(0.2)))[3:5] == (
        [-60.0, -40.0, -20.0, 0.0], [11.0, 10.0, 17.0, 8.0])
    assert show(h.RangeVarPlot("v", d3(0.5), d1(1)))[3:5] == (
        [-15.0, -5.0, 0.0, 20.0, 40.0, 50.0], [19.0, 18.0, 17.0, 10.0, 11.0, 12.0])


def test_missing_variable_points_and_origin(tree):
    soma, d1, d2, d3 = tree
    r = h.RangeVarPlot("e_pas", soma(0.5), d3(1))
    r.origin(5)
    n, left, right, x, y, _ = show(r)
    # the junction soma(1)/d1(0) has no pas; d3(1) repeats the last value (NEURON's rules)
    assert x == [5.0, 11.666666030883789, 25.0, 45.0, 65.0, 70.0, 80.0, 90.0, 95.0]
    assert y == [-70.0] * 9 and (left, right) == (5.0, 95.0)
    assert show(h.RangeVarPlot("no_such_var", soma(0), d1(1)))[0] == 0.0
    assert show(h.RangeVarPlot("v"))[:3] == (0.0, 0.0, 0.0)


def test_begin_end_from_vector_and_functions(tree):
    soma, d1, d2, d3 = tree
    r = h.RangeVarPlot("v")
    r.begin(0.3, sec=d1)
    r.end(1, sec=d2)
    y = h.Vector()
    assert r.to_vector(y) == 10.0
    y.mul(2)
    assert r.from_vector(y) == 10.0
    assert show(r)[4] == [16.0, 14.0, 12.0, 8.0, 6.0, 4.0, 26.0, 28.0, 30.0, 32.0]
    f = h.RangeVarPlot(lambda x: x * 10, soma(0), d1(1))
    assert f.vector().to_python() == [
        0.0, 1.666666716337204, 5.0, 8.333333134651184, 0.0, 1.0000000149011612,
        3.0000001192092896, 5.0, 6.9999998807907104, 8.999999761581421, 10.0]
    assert f.color() == 1 and f.color(3) == 1 and f.color() == 3


def test_shape_and_plotshape_without_screen(tree):
    ps = h.PlotShape(False)
    assert ps.show() == 1 and ps.variable("v") == 1.0 and ps.scale(-10, 5) == 1.0
    assert (ps.color_all(2), ps.nearest(1, 1), ps.push_selected(), ps.view_count()) == (
        0.0, 0.0, -1.0, 0.0)
    ps.show(0)
    assert ps.show() == 0
    s = h.Shape(False)
    assert s.show() == 1.0 and s.action("x") == 1.0 and s.point_mark_remove() == 0.0
    assert not hasattr(ps, "action")
    assert s.selected_seg() is None


def test_plots_with_matplotlib(tree):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from matplotlib import pyplot
    soma, d1, d2, d3 = tree
    ps = h.PlotShape(False)
    ps.variable("v")
    ps.scale(0, 24)
    ax = ps.plot(pyplot)
    nseg = sum(s.nseg for s in h.allsec())
    assert len(ax.lines) == nseg
    # soma(0.5) has v = 3: color index int(255 * 3/24) = 31 of the "cool" map
    from matplotlib import colormaps
    r, g, b, _ = colormaps["cool"](31)
    want = "#%02x%02x%02x" % (int(255 * r), int(255 * g), int(255 * b))
    assert want in [ln.get_color() for ln in ax.lines]
    ax.mark(d1(0.5))
    assert len(ax.lines) == nseg + 1
    lines = h.RangeVarPlot("v", d2(1), d3(1)).plot(pyplot.gca(), color="k")
    assert list(lines[0].get_xdata()) == X1 and list(lines[0].get_ydata()) == Y1
    pyplot.close("all")


def test_from_hoc(capsys):
    for stmt in ("create hv_a, hv_b", "connect hv_b(0), hv_a(1)", "hv_a.nseg = 3",
                 "finitialize(-65)", "objref hv_r, hv_y, hv_s", "hv_y = new Vector()",
                 "hv_r = new RangeVarPlot(\"v\")", "hv_a hv_r.begin(0)", "hv_b hv_r.end(1)",
                 "print hv_r.to_vector(hv_y), hv_r.right()", "hv_s = new Shape(0)",
                 "hv_s.color_all(2)", "hv_s = new PlotShape(0)", "hv_s.variable(\"v\")"):
        assert h(stmt), stmt
    # top-level expressions print their values as in nrniv: 1 (finitialize), then the print
    assert capsys.readouterr().out.split()[:3] == ["1", "7", "200"]
    h("forsec \"hv_\" delete_section()")


def test_plotshape_call_chain(tree):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    from matplotlib import pyplot
    r = h.PlotShape(False).variable("v")
    assert r == 1.0
    ax = r.plot(pyplot)
    assert len(ax.lines) == sum(s.nseg for s in h.allsec())
    pyplot.close("all")
