"""Sections and trees: defaults, geometry, topology printout, bad input (NEURON 9.0.2 values)."""
import io

import pytest

import neuron_core as nc
from neuron_core import builtins, treeops


@pytest.fixture(autouse=True)
def clean():
    yield
    for s in nc.model.section_list():
        builtins.delete_section(s)
    nc.model.stack.clear()


def test_defaults_and_geometry():
    s = nc.Section(name="s")
    assert (s.nseg, s.L, s.Ra, s.diam, s.cm, s(0.5).v) == (1, 100.0, 35.4, 500.0, 1.0, -65.0)
    assert s(0.5).area() == pytest.approx(157079.63267948964, rel=1e-15)
    assert s(0.5).ri() == pytest.approx(9.014535976724952e-05, rel=1e-14)
    assert s(0).ri() == 1e30
    assert s(0).area() == 0.0 and s(1).area() == 0.0


def test_nseg_change_keeps_values_of_containing_segment():
    s = nc.Section(name="s")
    s.nseg = 3
    s(0.5).diam = 4
    for seg in (s(1 / 6), s(5 / 6)):
        seg.diam = 1
    s.nseg = 9
    assert [seg.diam for seg in s] == [1, 1, 1, 4, 4, 4, 1, 1, 1]


def test_segment_containing_x_at_boundaries():
    s = nc.Section(name="s")
    s.nseg = 2
    s(0.25).diam, s(0.75).diam = 1, 3
    assert [s(x).diam for x in (0, 0.25, 0.5, 0.75, 1)] == [1, 1, 3, 3, 3]


def test_interior_connection_hangs_from_segment_centre():
    s = nc.Section(name="s")
    s.nseg = 3
    c = nc.Section(name="c")
    c.connect(s(1 / 3.0))
    assert c.parentseg().x == pytest.approx(1 / 3.0)
    assert builtins.distance(s(0), c(0)) == pytest.approx(50.0)


def test_distance_is_measured_between_nodes():
    # NEURON 9.0.2: soma L 20 (nseg 1), dend2 L 300 nseg 7 on soma(1); a point inside a
    # segment counts as the segment's centre, for the origin too
    soma = nc.Section(name="soma")
    soma.L = 20
    dend = nc.Section(name="dend2")
    dend.nseg, dend.L = 7, 300
    dend.connect(soma(1))
    for x, d in ((0.05, 31.428571428571427), (0.3, 117.14285714285714),
                 (0.9, 288.57142857142856), (0.99, 288.57142857142856)):
        assert builtins.distance(soma(0.5), dend(x)) == pytest.approx(d, rel=1e-14)
        assert builtins.distance(dend(x), soma(0)) == pytest.approx(d + 10, rel=1e-14)
    builtins.distance(0, dend(0.3))
    assert builtins.distance(dend(0.9)) == pytest.approx(171.42857142857142, rel=1e-14)
    assert builtins.distance(dend(1)) == pytest.approx(300 - 300 * 2.5 / 7, rel=1e-14)


def test_pop_section_with_nothing_pushed_does_nothing():
    # NEURON 9.0.2: pop_section() on an empty section stack is silent and leaves cas alone
    a = nc.Section(name="a")
    b = nc.Section(name="b")
    builtins.pop_section()
    builtins.push_section(b)
    assert builtins.cas() is b
    builtins.pop_section()
    builtins.pop_section()
    assert builtins.cas() is a


def test_distance_needs_an_origin():
    # NEURON 9.0.2: distance(x) before any distance(0, ...) is an error, as after the
    # origin's section was deleted
    soma = nc.Section(name="soma")
    with pytest.raises(nc.NeuronError, match="Distance origin not valid"):
        builtins.distance(soma(0.5))
    dend = nc.Section(name="dend")
    builtins.distance(0, dend(0))
    builtins.delete_section(dend)
    with pytest.raises(nc.NeuronError, match="Distance origin not valid"):
        builtins.distance(soma(0.5))


def test_section_of_a_cell_is_named_by_str_of_the_cell():
    # NEURON 9.0.2 names it "<str(cell)>.<name>" (__str__, not __repr__)
    class Cell:
        def __str__(self):
            return "S"

        def __repr__(self):
            return "R"
    cell = Cell()
    s = nc.Section(name="soma", cell=cell)
    assert s.name() == "S.soma" and str(s) == "S.soma"


def test_topology_printout():
    soma = nc.Section(name="soma")
    soma.nseg = 3
    d1 = nc.Section(name="d1")
    d1.nseg = 5
    d1.connect(soma(1))
    d2 = nc.Section(name="d2")
    d2.nseg = 2
    d2.connect(soma(0.5))
    d3 = nc.Section(name="d3")
    d3.connect(d1(1))
    d4 = nc.Section(name="d4")
    d4.nseg = 4
    d4.connect(d1(0.3))
    d5 = nc.Section(name="d5")
    d5.nseg = 2
    d5.connect(d3(1), 1)
    d6 = nc.Section(name="d6")
    d6.connect(soma(0))
    other = nc.Section(name="other")
    other.nseg = 2
    out = io.StringIO()
    treeops.topology(out)
    assert out.getvalue() == (
        "\n|---|       soma(0-1)\n     `----|       d1(0-1)\n           `|       d3(0-1)\n"
        "             `-|       d5(1-0)\n       `---|       d4(0-1)\n   `-|       d2(0-1)\n"
        " `|       d6(0-1)\n|--|       other(0-1)\n\n")


@pytest.mark.parametrize("attr,value", [("nseg", 0), ("nseg", -3), ("L", 0), ("L", -1),
                                         ("Ra", 0), ("diam", 0), ("diam", -2)])
def test_bad_cable_values_raise_and_keep_model(attr, value):
    s = nc.Section(name="s")
    with pytest.raises(nc.NeuronError):
        setattr(s, attr, value)
    assert (s.nseg, s.L, s.Ra, s.diam) == (1, 100.0, 35.4, 500.0)


def test_bad_locations_and_loops():
    a = nc.Section(name="a")
    b = nc.Section(name="b")
    b.connect(a(1))
    with pytest.raises(ValueError):
        a(1.5)
    with pytest.raises(nc.NeuronError):
        a.connect(b(1))
    with pytest.raises(nc.NeuronError):
        a.connect(a(0.5))
    with pytest.raises(nc.NeuronError):
        a.insert("no_such_mechanism")
    with pytest.raises(AttributeError):
        a(0.5).no_such_variable
    assert b.parentseg().sec is a


def test_deleted_section_raises_and_its_pointer_too():
    a = nc.Section(name="a")
    ref = a(0.5)._ref_v
    builtins.delete_section(a)
    with pytest.raises(nc.NeuronError):
        a.name()
    with pytest.raises(nc.NeuronError):
        a(0.5)
    with pytest.raises(nc.NeuronError):
        ref.value
    assert len(nc.model.section_list()) == 0


def test_define_shape_layout():
    soma = nc.Section(name="soma")
    soma.L, soma.diam, soma.nseg = 20, 20, 3
    ds = []
    for i in range(3):
        d = nc.Section(name="d%d" % i)
        d.L, d.diam, d.nseg = 100 + 10 * i, 2, 2
        d.connect(soma(1))
        ds.append(d)
    m = nc.Section(name="m")
    m.L, m.diam = 50, 1
    m.connect(soma(0.5))
    r = nc.Section(name="r")
    r.L = 30
    r.connect(ds[0](1), 1)
    other = nc.Section(name="other")
    other.L = 40
    builtins.lookup("define_shape")()

    def pts(s):
        return [(round(s.x3d(i), 6), round(s.y3d(i), 6), round(s.z3d(i), 6), round(s.arc3d(i), 6))
                for i in range(s.n3d())]
    # numbers printed by NEURON 9.0.2 for the same model
    assert pts(ds[0]) == [(20.0, 0.0, 0.0, 0.0), (43.026524, 9.735458, 0.0, 24.999999),
                          (89.079575, 29.206375, 0.0, 75.0), (112.106094, 38.941833, 0.0, 100.0)]
    assert pts(ds[2])[-1] == (130.527313, -46.730202, 0.0, 120.0)
    assert pts(m) == [(10.0, 0.0, 0.0, 0.0), (9.999999, 25.0, 0.0, 25.0), (9.999998, 50.0, 0.0, 50.0)]
    assert pts(r)[1] == (125.922012, 44.783108, 0.0, 15.000002)
    assert pts(other) == [(0.0, 0.0, 600.0, 0.0), (20.0, 0.0, 600.0, 20.0), (40.0, 0.0, 600.0, 40.0)]


def test_3d_point_geometry_is_neurons_to_the_last_bit():
    # NEURON 9.0.2: pt3dadd (0, 2.0) (100, 1.6) (200, 1.2) (210, 1.19), nseg 11, Ra 123.4:
    # (area, ri, diam) of each segment, compared exactly
    s = nc.Section(name="s")
    for x, d in ((0, 2.0), (100, 1.6), (200, 1.2), (210, 1.19)):
        s.pt3dadd(x, 0, 0, d)
    s.nseg, s.Ra = 11, 123.4
    expected = [(117.6619675881101, 3.822373670527267, 1.9618181840939952), (113.08198395658695, 8.109182299623196, 1.885454552281986), (108.50200032506382, 8.793776539103451, 1.8090909204699779), (103.92201669354063, 9.568883756799877, 1.7327272886579683), (99.34203306201753, 10.451195697219536, 1.65636365684596), (94.76204943049439, 11.461437782754409, 1.5800000250339512), (90.18206579897117, 12.625598239130523, 1.5036363932219412), (85.60208216744795, 13.976617555700244, 1.427272761409931), (81.02209853592493, 15.556746453516533, 1.3509091295979243), (76.44211490440178, 17.42089278714338, 1.2745454977859156), (72.33330083450747, 19.640896949725366, 1.206039010704338)]
    assert [(seg.area(), seg.ri(), seg.diam) for seg in s] == expected


def test_children_in_neurons_node_order():
    # NEURON 9.0.2: b, c at a(1) and d at a(0.5) connected in that order; e then g on b(1),
    # f on c(1): the voltage equations come as a, d, c, b, f, g, e (by position on the parent,
    # the latest connection first at the same position)
    secs = {n: nc.Section(name=n) for n in "abcdefg"}
    secs["b"].connect(secs["a"](1))
    secs["c"].connect(secs["a"](1))
    secs["d"].connect(secs["a"](0.5))
    secs["e"].connect(secs["b"](1))
    secs["f"].connect(secs["c"](1))
    secs["g"].connect(secs["b"](1))
    nc.model.ensure_built()
    order = [s.name() for s in nc.model.built.sections]
    assert order == ["a", "d", "c", "b", "f", "g", "e"]
