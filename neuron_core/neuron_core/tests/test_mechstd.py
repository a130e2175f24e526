"""MechanismType and MechanismStandard against NEURON 9.0.2's answers for the stock mechanisms."""
import pytest

from neuron import h
from neuron_core.errors import NeuronError


def names(ms):
    s = h.ref("")
    out = []
    for j in range(ms.count()):
        k = ms.name(s, j)
        out.append((s[0], k))
    return out


def test_vartypes_of_hh_as_neuron_lists_them():
    assert names(h.MechanismStandard("hh", -1)) == [("usetable_hh", 1)]
    assert names(h.MechanismStandard("hh", 1)) == [
        ("gnabar_hh", 1), ("gkbar_hh", 1), ("gl_hh", 1), ("el_hh", 1)]
    assert [n for n, _ in names(h.MechanismStandard("hh", 2))] == [
        "gna_hh", "gk_hh", "il_hh", "minf_hh", "hinf_hh", "ninf_hh", "mtau_hh", "htau_hh", "ntau_hh"]
    assert names(h.MechanismStandard("hh", 3)) == [("m_hh", 1), ("h_hh", 1), ("n_hh", 1)]
    assert len(names(h.MechanismStandard("hh", 0))) == 16


def test_ions_point_processes_and_builtins():
    # NEURON's odd ion listing: vartype 2 gives e and ci, 1 and 3 nothing
    assert names(h.MechanismStandard("na_ion", 2)) == [("ena", 1), ("nai", 1)]
    assert names(h.MechanismStandard("na_ion", 1)) == []
    assert names(h.MechanismStandard("na_ion", -1)) == [("nai0_na_ion", 1), ("nao0_na_ion", 1)]
    assert [n for n, _ in names(h.MechanismStandard("na_ion", 0))] == [
        "ena", "nai", "nao", "ina", "dina_dv_"]
    assert names(h.MechanismStandard("VClamp", 1))[:2] == [("dur", 3), ("amp", 3)]
    assert names(h.MechanismStandard("VClamp", 3)) == [("e", 1), ("vo", 1), ("vi", 1)]
    assert names(h.MechanismStandard("IntFire4", -1)) == [
        ("ib_IntFire4", 1), ("eps_IntFire4", 1), ("taueps_IntFire4", 1)]
    assert names(h.MechanismStandard("NetStim", 0))[-1] == ("ranvar", 1)
    assert names(h.MechanismStandard("capacitance", 0)) == [("cm", 1), ("i_cap", 1)]
    assert names(h.MechanismStandard("morphology", 1)) == [("diam", 1)]
    assert names(h.MechanismStandard("extracellular", 3)) == [("vext", 2)]
    assert names(h.MechanismStandard("extracellular", 2)) == [
        ("i_membrane", 1), ("sav_g", 1), ("sav_rhs", 1)]
    s = h.ref("")
    assert h.MechanismStandard("hh").name(s) == 0 and s[0] == "hh"


def test_in_out_set_get():
    s = h.Section(name="ms_s")
    s.nseg = 3
    s.insert("hh")
    ms = h.MechanismStandard("hh")
    assert ms.get("gnabar_hh") == 0.12 and ms.count() == 4
    with pytest.raises(NeuronError, match="gnabar not in this property"):
        ms.get("gnabar")
    ms.set("gnabar_hh", 0.3)
    s(0.5).hh.gnabar = 0.5
    ms._in(sec=s)                       # the first segment
    assert ms.get("gnabar_hh") == 0.12
    ms._in(s(0.5))
    assert ms.get("gnabar_hh") == 0.5
    ms.set("gkbar_hh", 0.07)
    ms.out(s(0.1))
    assert [seg.hh.gkbar for seg in s] == [0.07, 0.036, 0.036]
    ms.out(sec=s)
    assert [seg.hh.gkbar for seg in s] == [0.07] * 3
    assert [seg.hh.gnabar for seg in s] == [0.5] * 3
    st = h.MechanismStandard("hh", 3)
    st.set("m_hh", 0.9)
    st.out(sec=s)                      # only states are copied
    assert s(0.5).m_hh == 0.9 and s(0.5).gnabar_hh == 0.5
    other = h.Section(name="ms_other")
    ms._in(sec=other)                  # not inserted there: nothing happens
    assert ms.get("gnabar_hh") == 0.5
    ic = h.IClamp(s(0.5))
    ic.amp = 3
    ims = h.MechanismStandard("IClamp")
    ims._in(ic)
    assert ims.get("amp") == 3 and ims.get("del") == 0
    ims.set("dur", 7)
    ims.out(ic)
    assert ic.dur == 7
    cm = h.MechanismStandard("capacitance")
    cm.set("cm", 2)
    cm.out(sec=s)
    assert s.cm == 2
    g = h.MechanismStandard("hh", -1)
    with pytest.raises(NeuronError, match="not implemented for GLOBAL type"):
        g.get("usetable_hh")
    with pytest.raises(NeuronError, match="foo is not a Mechanism or Point Process"):
        h.MechanismStandard("foo")
    text = h.MechanismStandard("pas").save_text("ms")
    assert text.splitlines()[:2] == ['ms = new MechanismStandard("pas")', 'ms.set("g_pas", 0.001, 0)']
    del ic
    h.delete_section(sec=s)
    h.delete_section(sec=other)


def test_mechanism_type_lists_in_neuron_order():
    mt = h.MechanismType(0)
    s = h.ref("")
    listed = []
    for i in range(mt.count()):
        mt.select(i)
        mt.selected(s)
        listed.append(s[0])
    stock = [n for n in listed if n in ("morphology", "capacitance", "pas", "extracellular",
                                        "na_ion", "k_ion", "hh")]
    assert stock == ["morphology", "capacitance", "pas", "extracellular", "na_ion", "k_ion", "hh"]
    mt.select("hh")
    assert mt.internal_type() == 17 and not mt.is_ion()
    assert mt.file().endswith("hh.mod") and mt.code().startswith("TITLE hh.mod")
    mt.select("na_ion")
    assert mt.is_ion() and mt.file() == ""
    mt.select(-1)
    assert mt.selected() == -1
    with pytest.raises(NeuronError):
        mt.select(mt.count())
    mp = h.MechanismType(1)
    flags = {}
    for i in range(mp.count()):
        mp.select(i)
        mp.selected(s)
        flags[s[0]] = (mp.is_netcon_target(i), mp.has_net_event(i), mp.is_artificial(i))
    assert flags["IClamp"] == (False, False, False)
    assert flags["ExpSyn"] == (True, False, False)
    assert flags["NetStim"] == (True, True, True)
    assert flags["PatternStim"] == (True, False, True)


def test_make_remove_and_point_process_walk():
    s = h.Section(name="mt_s")
    s.nseg = 3
    mt = h.MechanismType(0)
    mt.select("pas")
    mt.make(sec=s)
    assert s.has_membrane("pas")
    mt.remove(sec=s)
    assert not s.has_membrane("pas")
    mp = h.MechanismType(1)
    mp.select("IClamp")
    o = h.ref(None)
    mp.make(o)
    assert o[0].hname().startswith("IClamp") and not o[0].has_loc()
    a, b, c, d = h.IClamp(s(0.5)), h.IClamp(s(0)), h.IClamp(s(1)), h.IClamp(s(0.1))
    walk = [mp.pp_begin(sec=s)]
    while walk[-1] is not None:
        walk.append(mp.pp_next())
    # NEURON: the parent node first, then the nodes in order
    assert walk == [b, d, a, c, None]
    del a, b, c, d, o
    h.delete_section(sec=s)
