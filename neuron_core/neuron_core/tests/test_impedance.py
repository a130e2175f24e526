"""Impedance against NEURON 9.0.2 (values printed by the reference for the same model)."""
import math

import pytest

from neuron import h
from neuron_core.errors import NeuronError

# (freq, [input(dend(0)), input(dend(0.3)), input(dend(1))], input(soma(0.5)),
#  [transfer(dend(0)), transfer(dend(0.3)), transfer(dend(1))], transfer(dend2(0.5)),
#  [transfer_phase(dend(0.3)), transfer_phase(dend(1))], input_phase(dend2(0.2)),
#  ratio(dend(0.9)), ratio(soma(0.5)))
LINEAR = [
    (0, [29.161604218192405, 27.849217277963103, 44.00660613273715], 29.16379860571662,
     [29.157067850567312, 20.723837727568007, 14.419458157768803], 24.038126430123672,
     [0.0, 0.0], 0.0, 0.3904534203917744, 1.0),
    (10, [29.099408615230846, 27.788711551375965, 43.939043708155424], 29.101602441417505,
     [29.094881071001094, 20.674856349707106, 14.383543808825777], 23.985296586589378,
     [-0.07277442460172014, -0.09312431374595449], -0.037979195204398616, 0.39013852737185456,
     1.0),
    (100, [24.538449086164277, 23.352944225798343, 39.05372496680468], 24.5406186289815,
     [24.53456101946328, 17.056395689732028, 11.719129996181728], 20.09690139708624,
     [-0.6438298747161695, -0.8460525759091796], -0.3151400630147837, 0.36227679633920906, 1.0),
]
EXTENDED = [
    (0, [24.89866349628065, 25.695632540585013, 42.9640019066868], 24.89888950192545,
     [24.89314305130038, 17.69318711223465, 12.310758972165537], 20.522794780912026,
     [0.0, 0.0], 0.0, 0.3431840340602522, 1.0),
    (10, [24.858319697485744, 25.652338285815073, 42.911591155103125], 24.85854885527811,
     [24.852807469895406, 17.660433911841906, 12.286403376039194], 20.48820741766212,
     [-0.06447715586284232, -0.08482704500696661], -0.0317600744513288, 0.34296357992366355,
     1.0),
    (100, [21.731042493533852, 22.29580392544947, 38.88268963854933], 21.73152581692011,
     [21.726161604239724, 15.103999979742579, 10.377675474045194], 17.79646789486868,
     [-0.5838159292501105, -0.7860386304435241], -0.2736556193491868, 0.32302936996475967, 1.0),
]


@pytest.fixture
def cell():
    soma = h.Section(name="imp_soma")
    soma.L = soma.diam = 20
    soma.insert("hh")
    dend = h.Section(name="imp_dend")
    dend.connect(soma(1))
    dend.L, dend.diam, dend.nseg = 500, 2, 11
    dend.insert("pas")
    dend2 = h.Section(name="imp_dend2")
    dend2.connect(soma(0))
    dend2.L, dend2.diam, dend2.nseg = 200, 1, 5
    dend2.insert("pas")
    syn = h.ExpSyn(dend(0.7))
    h.finitialize(-65)
    yield soma, dend, dend2
    del syn
    for s in (dend2, dend, soma):
        h.delete_section(sec=s)


def measure(imp, soma, dend, dend2):
    return ([imp.input(x, sec=dend) for x in (0, 0.3, 1)], imp.input(0.5, sec=soma),
            [imp.transfer(x, sec=dend) for x in (0, 0.3, 1)], imp.transfer(0.5, sec=dend2),
            [imp.transfer_phase(x, sec=dend) for x in (0.3, 1)], imp.input_phase(0.2, sec=dend2),
            imp.ratio(dend(0.9)), imp.ratio(0.5, sec=soma))


def check(got, ref):
    for g, r in zip(got, ref):
        if isinstance(r, list):
            assert g == pytest.approx(r, rel=1e-9, abs=1e-12)
        else:
            assert g == pytest.approx(r, rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("nonlin,table", [(0, LINEAR), (1, EXTENDED)])
def test_impedance_matches_neuron(cell, nonlin, table):
    soma, dend, dend2 = cell
    imp = h.Impedance()
    imp.loc(0.5, sec=soma)
    for freq, *ref in table:
        assert imp.compute(freq, nonlin) == 0
        check(measure(imp, soma, dend, dend2), ref)


def test_deltafac_and_errors(cell):
    soma, dend, dend2 = cell
    imp = h.Impedance()
    with pytest.raises(NeuronError, match="Must call Impedance.compute first"):
        imp.input(0.5, sec=soma)
    with pytest.raises(NeuronError, match="location is not specified"):
        imp.compute(10)
    imp.loc(soma(0.5))
    assert imp.deltafac() == 0.001 and imp.deltafac(0.01) == 0.01
    imp.compute(10, 1)
    # NEURON 9.0.2 with deltafac 0.01
    assert imp.input(0.5, sec=soma) == pytest.approx(25.214463077862533, rel=1e-9)
    assert imp.transfer(1, sec=dend) == pytest.approx(12.462314919853222, rel=1e-9)
    imp.loc(-1)
    with pytest.raises(NeuronError):
        imp.compute(10)


def test_reciprocity_and_ratio(cell):
    soma, dend, dend2 = cell
    a, b = h.Impedance(), h.Impedance()
    a.loc(dend(0.3))
    b.loc(dend2(0.7))
    a.compute(50)
    b.compute(50)
    assert a.transfer(dend2(0.7)) == pytest.approx(b.transfer(dend(0.3)), rel=1e-10)
    assert a.ratio(dend2(0.7)) == pytest.approx(
        a.transfer(dend2(0.7)) / a.input(dend2(0.7)), rel=1e-12)
    assert math.isclose(a.input(dend(0.3)), a.transfer(dend(0.3)), rel_tol=1e-12)


def test_from_hoc(capsys):
    for stmt in ("create hi_soma, hi_dend", "connect hi_dend(0), hi_soma(1)",
                 "hi_soma { insert hh }", "hi_dend { insert pas nseg = 5 L = 300 diam = 2 }",
                 "finitialize(-65)", "objref hoc_imp", "hoc_imp = new Impedance()",
                 "hi_soma hoc_imp.loc(0.5)", "hoc_imp.compute(10)",
                 "hi_dend print hoc_imp.input(1)"):
        assert h(stmt)
    assert capsys.readouterr().out.split()[-1] == "28.66046"     # NEURON 9.0.2 prints this
    h("objref hoc_imp")
    h("forsec \"hi_\" delete_section()")


def test_extended_method_converges_with_nseg():
    """The extended impedance of a short hh cable hardly depends on nseg (NEURON 9.0.2 agrees
    for nseg = 1: 139.04369046532324 MOhm)."""
    s = h.Section(name="imp_cable")
    s.L, s.diam = 100, 2
    s.insert("hh")
    imp = h.Impedance()
    imp.loc(0.5, sec=s)
    got = []
    for n in (1, 3, 9):
        s.nseg = n
        h.finitialize(-65)
        imp.compute(0, 1)
        got.append(imp.input(0.5, sec=s))
    assert got[0] == pytest.approx(139.04369046532324, rel=1e-9)
    assert max(got) - min(got) < 0.03 * got[0]
    h.delete_section(sec=s)
