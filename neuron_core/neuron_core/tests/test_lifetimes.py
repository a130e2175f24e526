"""Object lifetimes as in NEURON: sections, point processes and artificial cells are deleted
when their last Python reference goes; nothing the engine holds (parents, mechanism rows,
NetCons, the built model) keeps them alive."""
import gc
import weakref

from neuron import h


def _run(tstop: float) -> None:
    h.finitialize(-65)
    while h.t < tstop - 1e-9:
        h.fadvance()


def test_child_does_not_keep_parent_alive():
    a = h.Section(name="lta")
    b = h.Section(name="ltb")
    b.connect(a)
    c = h.Section(name="ltc")
    c.connect(b)
    del a
    assert b.parentseg() is None
    assert c.parentseg().sec == b
    h.finitialize(-65)
    names = [s.name() for s in h.allsec()]
    assert "lta" not in names and {"ltb", "ltc"} <= set(names)
    del b
    assert c.parentseg() is None
    assert "ltb" not in [s.name() for s in h.allsec()]


def test_built_model_does_not_keep_sections_alive():
    secs = [h.Section(name="ltk%d" % i) for i in range(3)]
    secs[1].connect(secs[0])
    h.finitialize(-65)
    del secs
    assert not [s for s in h.allsec() if s.name().startswith("ltk")]


def test_section_with_mechanisms_is_deleted():
    s = h.Section(name="ltm")
    s.insert("hh")
    s.insert("pas")
    h.finitialize(-65)
    r = weakref.ref(s)
    del s
    assert r() is None
    assert "ltm" not in [x.name() for x in h.allsec()]
    h.finitialize(-65)   # the model rebuilds without it


def test_point_processes_are_deleted():
    s = h.Section(name="ltp")
    ic = h.IClamp(s(0.5))
    ns = h.NetStim()
    ric, rns = weakref.ref(ic), weakref.ref(ns)
    del ic, ns
    assert ric() is None and rns() is None
    h.finitialize(-65)


def test_netcon_keeps_neither_end_alive():
    s = h.Section(name="ltn")
    syn = h.ExpSyn(s(0.5))
    ns = h.NetStim()
    ns.interval, ns.number, ns.start = 5, 100, 0
    nc = h.NetCon(ns, syn)
    nc.weight[0] = 0.01
    assert nc.pre() == ns and nc.syn() == syn and nc.valid()
    g = h.Vector().record(syn._ref_g)
    del ns
    gc.collect()
    assert nc.pre() is None and not nc.valid()
    _run(20)
    assert g.size() > 0 and g.max() == 0.0   # the deleted stimulator no longer drives the synapse
    del syn                                   # recording its g does not keep it alive
    assert nc.syn() is None
    _run(5)


def test_netcon_from_deleted_section():
    s = h.Section(name="ltd")
    syn = h.ExpSyn(s(0.5))
    nc = h.NetCon(s(0.5)._ref_v, syn)
    assert nc.valid() and nc.preseg().sec == s
    h.delete_section(sec=s)
    assert nc.preseg() is None and not nc.valid()


def test_lost_target_stops_delivery():
    s = h.Section(name="ltt")
    ns = h.NetStim()
    ns.interval, ns.number, ns.start = 2, 10, 0
    syn = h.ExpSyn(s(0.5))
    nc = h.NetCon(ns, syn)
    nc.weight[0] = 0.01
    v = h.Vector().record(s(0.5)._ref_v)
    del syn
    _run(10)
    assert not nc.valid() and nc.syn() is None
    assert abs(v.max() + 65) < 1e-9


def test_list_of_builtin_class_instances():
    s = h.Section(name="ltl")
    syn = h.ExpSyn(s(0.5))
    stims = [h.NetStim() for _ in range(3)]
    ncs = [h.NetCon(ns, syn) for ns in stims]
    assert h.List("NetStim").count() >= 3
    mine = [o for o in h.List("NetStim") if any(o == ns for ns in stims)]
    assert mine == stims                         # creation order
    del mine
    n_before = h.List("NetCon").count()
    del ncs[1]
    assert h.List("NetCon").count() == n_before - 1
    del stims[0]
    assert ncs[0].pre() is None and ncs[0].srcgid() == -1
    assert h.List("ExpSyn").o(h.List("ExpSyn").count() - 1) == syn


def test_deleted_section_properties_raise():
    import pytest
    d = h.Section(name="ltx")
    h.delete_section(sec=d)
    for attr in ("nseg", "L", "Ra", "diam", "cm", "rallbranch"):
        with pytest.raises(RuntimeError, match="deleted section"):
            getattr(d, attr)
