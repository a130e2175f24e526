"""The user-facing API: plugin aliases, module layout, nodes and node lists, restrictions to
regions, assignment, include_flux, save/restore, re_init."""
import math

import numpy
import pytest

import neuron_core as nc
import neuron_rxd as rxd
from neuron_core.vector import Vector
from neuron_rxd import RxDException


def test_neuron_rxd_and_crxd_are_this_package():
    import neuron
    from neuron import crxd
    from neuron import rxd as nrxd
    assert nrxd is rxd and crxd is rxd
    assert neuron.rxd.rxd is rxd.rxd


def test_module_state_tools_reset_exists():
    from neuron_rxd import initializer, node, region, section1d, species
    assert isinstance(rxd.rxd._all_reactions, list)
    assert isinstance(region._all_regions, list)
    assert isinstance(species._all_species, list)
    assert isinstance(section1d._rxd_sec_lookup, dict)
    assert initializer.has_initialized is False
    assert isinstance(node._states, numpy.ndarray)


def _dend(nseg=5, L=50.0, diam=2.0):
    d = nc.Section(name="dend")
    d.L, d.diam, d.nseg = L, diam, nseg
    return d


def test_nodes_positions_volumes_and_filters():
    dend = _dend()
    cyt = rxd.Region([dend], nrn_region="i", name="cyt")
    c = rxd.Species(cyt, name="c", d=1, initial=lambda nd: nd.x)
    nodes = c.nodes
    assert len(nodes) == 5
    assert nodes.x == pytest.approx([0.1, 0.3, 0.5, 0.7, 0.9])
    assert nodes.concentration == pytest.approx([0.1, 0.3, 0.5, 0.7, 0.9])
    assert nodes.volume == pytest.approx([math.pi * 10.0] * 5)
    assert nodes.surface_area == pytest.approx([math.pi * 2 * 10.0] * 5)
    assert nodes[0].x3d == pytest.approx(5.0) and nodes[0].y3d == 0.0
    assert [n.x for n in c.nodes(dend(0.5))] == [0.5]
    assert len(c.nodes(dend(0.0))) == 0 and len(c.nodes(dend(1.0))) == 0
    assert len(c.nodes(cyt)) == 5 and len(c.nodes(dend)) == 5
    assert nodes[2].segment == dend(0.5) and nodes[2].sec is dend
    assert nodes[2].region is cyt and nodes[2].species is c
    assert nodes[2].satisfies(0.45) and not nodes[2].satisfies(0.3)
    assert isinstance(nodes[1:3], rxd.nodelist.NodeList)


def test_concentration_assignment_and_restrictions():
    dend = _dend()
    cyt = rxd.Region([dend], nrn_region="i")
    er = rxd.Region([dend], geometry=rxd.FractionalVolume(0.2))
    ca = rxd.Species([cyt, er], name="ca", charge=2, initial=0.1)
    assert len(ca.nodes) == 10
    assert ca[er] is ca[er] and ca[er] == ca[er]
    ca[er].concentration = 0.5
    ca[cyt].nodes.concentration = [1, 2, 3, 4, 5]
    assert ca[cyt].concentration == [1, 2, 3, 4, 5]
    assert ca[er].nodes.concentration == [0.5] * 5
    assert ca[er].nodes.volume == pytest.approx([0.2 * math.pi * 10.0] * 5)
    assert ca.defined_on_region(er) and not ca.defined_on_region(rxd.Region([dend]))
    assert len(ca.indices(cyt)) == 5 and len(ca.indices()) == 10
    with pytest.raises(RxDException):
        ca.nodes.concentration = [1, 2]
    with pytest.raises(RxDException, match="not defined on region"):
        ca[rxd.Region([dend])]


def test_ion_species_is_the_engines_concentration():
    dend = _dend()
    cyt = rxd.Region([dend], nrn_region="i")
    ca = rxd.Species(cyt, name="ca", charge=2, initial=3e-4)
    nc.finitialize(-65)
    assert [seg.cai for seg in dend] == pytest.approx([3e-4] * 5)
    ca.nodes(dend(0.5))[0].concentration = 7e-4
    nc.fadvance()
    assert dend(0.5).cai == pytest.approx(7e-4, rel=1e-3)
    dend(0.1).cai = 1e-3
    rxd.re_init()
    assert ca.nodes(dend(0.1))[0].concentration == 1e-3


def test_initial_none_imports_the_ion_default():
    dend = _dend()
    cyt = rxd.Region([dend], nrn_region="i")
    na = rxd.Species(cyt, name="na", charge=1)
    nc.finitialize(-65)
    assert na.nodes.concentration == pytest.approx([10.0] * 5)  # nai0_na_ion


def test_record_node_concentration_and_include_flux():
    dend = _dend(nseg=1, L=10.0, diam=1.0)
    cyt = rxd.Region([dend])
    c = rxd.Species(cyt, initial=0.0)
    node = c.nodes[0]
    node.include_flux(1e6)                    # molecules/ms
    vec = Vector().record(node._ref_concentration)
    nc.finitialize(-65)
    nc.run_until(1.0)
    expected = 1e6 / rxd.constants.molecules_per_mM_um3() / node.volume   # mM after 1 ms
    assert node.concentration == pytest.approx(expected, rel=1e-12)
    assert vec[-1] == node.concentration and len(vec) == 41


def test_include_flux_from_pointer_and_callable():
    dend = _dend(nseg=1, L=10.0, diam=1.0)
    cyt = rxd.Region([dend])
    c = rxd.Species(cyt, initial=0.0)
    src = numpy.array([2e-18])                # mol/ms
    node = c.nodes[0]
    node.include_flux(nc.array_ref(src, 0), units="mol/ms")
    with pytest.warns(UserWarning):
        node.include_flux(lambda: 1e-15, units="mmol/ms")
    nc.finitialize(-65)
    nc.run_until(0.5)
    expected = (2e-18 / 1e-18 + 1e-15 / 1e-15) * 0.5 / node.volume
    assert node.concentration == pytest.approx(expected, rel=1e-12)


def test_save_and_restore_state():
    dend = _dend()
    cyt = rxd.Region([dend])
    a = rxd.Species(cyt, d=1, initial=lambda nd: nd.x)
    nc.finitialize(-65)
    saved = rxd.save_state()
    nc.run_until(5)
    after = a.nodes.concentration
    rxd.restore_state(saved)
    assert a.nodes.concentration == pytest.approx([0.1, 0.3, 0.5, 0.7, 0.9])
    nc.run_until(10)
    assert a.nodes.concentration == pytest.approx(after, rel=1e-14)
    with pytest.raises(RxDException):
        rxd.restore_state(saved[:-3])


def test_nseg_change_keeps_concentrations():
    dend = _dend(nseg=2)
    cyt = rxd.Region([dend])
    a = rxd.Species(cyt, initial=lambda nd: 1.0 if nd.x < 0.5 else 2.0)
    nc.finitialize(-65)
    dend.nseg = 4
    assert a.nodes.concentration == [1.0, 1.0, 2.0, 2.0]
    nc.run_until(1.0)
    assert len(a.nodes) == 4


def test_diffusion_conserves_mass_on_a_tree():
    soma = _dend(nseg=3, L=10, diam=5)
    kids = []
    for i in range(3):
        k = nc.Section(name="k%d" % i)
        k.connect(soma(1))
        k.L, k.diam, k.nseg = 20 + 5 * i, 1 + 0.2 * i, 3 + i
        kids.append(k)
    cyt = rxd.Region([soma] + kids)
    a = rxd.Species(cyt, d=2, initial=lambda nd: 1.0 if nd.sec is soma else 0.0)
    nc.model.dt = 1.0
    nc.finitialize(-65)
    total = sum(n.concentration * n.volume for n in a.nodes)
    nc.run_until(20000)
    assert sum(n.concentration * n.volume for n in a.nodes) == pytest.approx(total, rel=1e-12)
    uniform = total / sum(n.volume for n in a.nodes)
    assert a.nodes.concentration == pytest.approx([uniform] * len(a.nodes), rel=1e-6)


def test_reaction_reprs_and_rates():
    dend = _dend()
    cyt = rxd.Region([dend], name="cyt")
    a = rxd.Species(cyt, name="a")
    b = rxd.Species(cyt, name="b")
    r = rxd.Reaction(a + a, b, 2.0, 1.0)
    assert r.f_rate == 2.0 and r.b_rate == 1.0
    assert "Reaction(" in repr(r) and "a" in repr(r)
    rate = rxd.Rate(b, -0.1 * b, regions=[cyt])
    assert "Rate(b" in repr(rate)
    assert "Species(" in repr(a) and str(a) == "a"


def test_rxdmath_expressions_print():
    dend = _dend()
    cyt = rxd.Region([dend])
    a = rxd.Species(cyt, name="a")
    e = rxd.rxdmath.exp(-a / 2) + 3 * a - rxd.v
    assert "exp" in repr(e)
    assert e._voltage_dependent
    with pytest.raises(RxDException):
        rxd.rxdmath.frexp(a)
