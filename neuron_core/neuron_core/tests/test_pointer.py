"""Pointer and PtrVector, with NEURON 9.0.2's printed values."""
import numpy as np
import pytest

from neuron import h
from neuron_core.errors import NeuronError


def test_pointer_to_a_ref():
    p = h.Pointer(h._ref_t)
    assert p.val == h.t
    assert p.assign(42) == 42 and h.t == 42
    p.val = 13
    assert h.t == 13
    assert p.s() == "unknown"
    h.t = 0


def test_pointer_by_name_and_assign_statement(capsys):
    h("create ptr_soma")
    h("ptr_x = 5")
    q = h.Pointer("ptr_soma.v(0.5)")
    assert q.s() == "ptr_soma.v(0.5)" and q.val == -65.0
    r = h.Pointer("ptr_x", 'print "hello ", $1')
    assert r.assign(7) == 7 and h.ptr_x == 7
    assert "hello 7" in capsys.readouterr().out
    r2 = h.Pointer("ptr_x", "ptr_y")
    assert r2.assign(9) == 9 and h.ptr_x == 9 and h.ptr_y == 9
    with pytest.raises(Exception, match="nonexist"):
        h.Pointer("nonexist")
    with pytest.raises(NeuronError):
        h.Pointer(h.Vector(3))
    h("ptr_soma delete_section()")


def test_pointer_from_hoc(capsys):
    h("ptr_z = 2")
    h("objref ptr_pp")
    h("ptr_pp = new Pointer(&ptr_z)")
    h("print ptr_pp.val")
    h("ptr_pp.val = 3")
    h("print ptr_z, ptr_pp.s")
    assert capsys.readouterr().out.split() == ["2", "3", "unknown"]


def test_ptrvector_scatter_gather():
    a = h.Vector(5).indgen()
    b = h.Vector(5).fill(0)
    pv = h.PtrVector(5)
    for i in range(5):
        pv.pset(i, b._ref_x[i])
    pv.scatter(a)
    assert b.to_python() == [0, 1, 2, 3, 4]
    b.mul(10)
    pv.gather(a)
    assert a.to_python() == [0, 10, 20, 30, 40]
    assert pv.size() == 5 and pv.getval(2) == 20
    pv.setval(1, -1)
    assert b[1] == -1
    assert pv.label() == "" and pv.label("x") == "x"
    with pytest.raises(NeuronError, match="size 3 differs"):
        pv.gather(h.Vector(3))
    with pytest.raises(NeuronError):
        h.PtrVector(0)
    pv.resize(2)
    assert pv.getval(0) == 0            # fresh pointers reach the dummy variable
    h("ptrv_x = 1 ptrv_y = 2")
    pv.pset(0, h.ref(3.0))
    out = np.zeros(2)
    pv.gather(out)
    assert list(out) == [3.0, 0.0]


def test_ptrvector_i_membrane_follows_rebuilds():
    cv = h.CVode()
    cv.use_fast_imem(1)
    s = h.Section(name="pv_s")
    s.nseg = 3
    s.insert("hh")
    ic = h.IClamp(s(0.5))
    ic.amp, ic.dur = 1, 1
    pv = h.PtrVector(3)
    for i, seg in enumerate(s):
        pv.pset(i, seg._ref_i_membrane_)
    h.finitialize(-65)
    for _ in range(10):
        h.fadvance()
    out = h.Vector(3)
    pv.gather(out)
    # NEURON 9.0.2
    assert out.to_python() == pytest.approx(
        [0.3333318171843449, 0.3333363656314197, 0.33333181718434485], rel=1e-12)
    s.nseg = 5
    h.finitialize(-65)
    h.fadvance()
    pv.gather(out)
    assert out.to_python() == pytest.approx(
        [0.1999078755750219, 0.20018426582832502, 0.19990787557502207], rel=1e-12)
    cv.use_fast_imem(0)
    del ic
    h.delete_section(sec=s)
