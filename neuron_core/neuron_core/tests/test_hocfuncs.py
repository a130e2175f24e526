"""setSpineArea, pt3dconst, pt3dstyle, mcell_ran4 and friends, nrn_mallinfo, nrnversion:
values printed by NEURON 9.0.2 for the same statements."""
import pytest

from neuron import h
from neuron_core import sysinfo
from neuron_core.engine import eng
from neuron_core.errors import NeuronError


@pytest.fixture
def restore_globals():
    yield
    h.setSpineArea(0)
    h.pt3dconst(0)
    h.mcell_ran4_init(0)
    h.use_mcell_ran4(0)


def test_spine_area_added_at_next_geometry_change(restore_globals):
    s = h.Section(name="sp_s")
    for pt in ((0, 0, 0, 2), (5, 0, 0, -2), (10, 0, 0, 2), (20, 0, 0, 2)):
        s.pt3dadd(*pt)
    s.nseg = 2
    assert h.getSpineArea() == 0
    assert [seg.area() for seg in s] == pytest.approx([62.83185307179588, 62.83185307179586])
    assert h.setSpineArea(2.5) == 2.5 and h.getSpineArea() == 2.5
    assert [seg.area() for seg in s] == pytest.approx([62.83185307179588, 62.83185307179586])
    s.nseg = 3
    assert [seg.area() for seg in s] == pytest.approx(
        [44.38790204786391, 41.88790204786392, 41.8879020478639], rel=1e-14)
    s.pt3dadd(25, 0, 0, -3)
    assert [seg.area() for seg in s] == pytest.approx(
        [54.85987755982989, 52.35987755982989, 62.90972029993766], rel=1e-14)
    assert [h.spine3d(i, sec=s) for i in range(5)] == [0, 1, 0, 0, 1]
    h.delete_section(sec=s)


def test_pt3dconst_keeps_points(restore_globals):
    s = h.Section(name="pc_s")
    for pt in ((0, 0, 0, 2), (5, 0, 0, 2), (10, 0, 0, 2), (20, 0, 0, 2)):
        s.pt3dadd(*pt)
    assert h.pt3dconst() == 0 and h.pt3dconst(1) == 0 and h.pt3dconst() == 1
    s.L = 40
    s.diam = 4
    assert s.L == 20 and s.x3d(3) == 20 and s.diam3d(0) == 2
    assert h.pt3dconst(0) == 1
    s.L = 40
    s.diam = 4
    assert s.L == 40 and s.x3d(3) == 40 and s.diam3d(0) == 4
    with pytest.raises(NeuronError):
        h.pt3dconst(2)
    h.delete_section(sec=s)


def test_pt3dstyle_logical_connection_point(capsys):
    h("create sty_a, sty_b, sty_c")
    h("sty_a { pt3dadd(0,0,0,1) pt3dadd(10,0,0,1) }")
    h("sty_b { pt3dadd(100,100,0,1) pt3dadd(110,100,0,1) }")
    h("sty_c.L = 20")
    h("connect sty_b(0), sty_a(0.5)")
    h("connect sty_c(0), sty_b(1)")
    assert h.pt3dstyle(sec=h.sty_b) == 0
    assert h.pt3dstyle(1, 95, 100, 0, sec=h.sty_b) == 1
    h.define_shape()

    def pts(sec):
        return [(sec.x3d(i), sec.y3d(i)) for i in range(sec.n3d())]
    assert pts(h.sty_b) == [(10, 0), (20, 0)]      # NEURON: b starts at 10, not at a(0.5) = 5
    assert pts(h.sty_c) == [(20, 0), (30, 0), (40, 0)]
    for v in ("sty_x", "sty_y", "sty_z"):
        h("%s = 0" % v)
    h("sty_b { print pt3dstyle(1, &sty_x, &sty_y, &sty_z) }")
    assert capsys.readouterr().out.split() == ["1"]
    assert (h.sty_x, h.sty_y, h.sty_z) == (5, 0, 0)
    h("sty_a { pt3dchange(0, 1, 1, 0, 1) }")
    h.define_shape()
    assert pts(h.sty_b) == [(10.5, 0.5), (20.5, 0.5)]
    assert h.pt3dstyle(0, sec=h.sty_b) == 0 and h.pt3dstyle(sec=h.sty_b) == 0
    h.define_shape()
    assert pts(h.sty_b) == [(5.5, 0.5), (15.5, 0.5)]
    h("forsec \"sty_\" delete_section()")


def test_mcell_ran4(capsys, restore_globals):
    h("mr_x = 1")
    h("print mcell_ran4(&mr_x), mr_x")
    h("print mcell_ran4(&mr_x), mr_x")
    h("print mcell_ran4(&mr_x, 3), mr_x")
    h("print mcell_ran4_init(), mcell_ran4_init(5), mcell_ran4_init()")
    h("mr_x = 1")
    h("print mcell_ran4(&mr_x), mr_x")
    h("print use_mcell_ran4(), use_mcell_ran4(1), use_mcell_ran4(), use_mcell_ran4(0)")
    h("mr_x = 4294967295")
    h("print mcell_ran4(&mr_x), mr_x")
    assert capsys.readouterr().out.split() == [
        "0.76283034", "2", "0.87165391", "3", "0.15075095", "4", "0", "0", "5",
        "0.24005881", "2", "0", "0", "1", "1", "0.17367093", "0"]
    seed = h.ref(7)
    assert h.mcell_ran4(seed) == pytest.approx(0.6119249109178782, rel=1e-15) and seed[0] == 8


def test_use_mcell_ran4_switches_scop_random(restore_globals):
    h.mcell_ran4_init(0)
    assert h.use_mcell_ran4(1) == 0
    assert eng.api.scop_random() == pytest.approx(0.7628303428646177, rel=1e-15)
    assert eng.api.scop_random() == pytest.approx(0.8716539088636637, rel=1e-15)
    h.use_mcell_ran4(0)
    assert eng.api.scop_random() != pytest.approx(0.1507509497459978)


def test_mallinfo_and_version():
    assert sysinfo.nrn_mallinfo(0) > 0
    assert sysinfo.nrn_mallinfo(6) >= sysinfo.nrn_mallinfo(3)
    with pytest.raises(NeuronError, match="out of range"):
        sysinfo.nrn_mallinfo(7)
    assert sysinfo.nrnversion(0) == sysinfo.nrnversion(5) == "9.0.2"
    assert sysinfo.nrnversion(1).startswith("NEURON -- VERSION 9.0.2")
    assert sysinfo.nrnversion(9) in ("1", "2")
    assert sysinfo.nrnversion(20) == sysinfo.nrnversion(1)    # NEURON 9.0.2 too
    with pytest.raises(NeuronError, match="out of range"):
        sysinfo.nrnversion(21)
