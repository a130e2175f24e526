"""batch_run/batch_save and fmatrix, checked against NEURON 9.0.2 output."""
import pytest

from neuron import h

# NEURON's documented batch_run example output (programmer's reference, batch.rst)
DOC_V = [-65, -64.9971, -64.9943, -64.9917, -49.6876, -34.9008, -33.426, -25.5015, -7.00019,
         20.989, 38.2226, 40.9284, 39.1047, 35.8921, 31.8901, 27.3462, 22.4496, 17.3559, 12.1873,
         7.0331, 1.9538]
# m_hh at the same times, printed by NEURON 9.0.2
REF_M = [0.0529325, 0.0529369, 0.0529461, 0.0529583, 0.0788547, 0.155126, 0.245085, 0.345032,
         0.493301, 0.692132, 0.851212, 0.932834, 0.969032, 0.984741, 0.99148, 0.994161, 0.994837,
         0.994315, 0.992845, 0.990394, 0.986754]


@pytest.fixture
def hh_soma():
    soma = h.Section(name="batch_soma")
    soma.L = soma.diam = 10
    soma.insert("hh")
    ic = h.IClamp(soma(0.5))
    ic.dur, ic.delay, ic.amp = 0.2, 0.3, 0.5
    yield soma
    del ic
    h.batch_save()
    h.dt = 0.025
    h.delete_section(sec=soma)


def test_batch_run_matches_neuron(tmp_path, hh_soma):
    soma = hh_soma
    h.batch_save()
    h.batch_save(h._ref_t, soma(0.5)._ref_v, soma(0.5).hh._ref_m)
    h.finitialize(-65)
    f = tmp_path / "hhsim.dat"
    assert h.batch_run(2, 0.1, str(f), "My HH sim") == 1
    lines = f.read_text().splitlines()
    assert lines[:2] == ["My HH sim", "batch_run from t = 0 to 2 in steps of 0.1 with dt = 0.025"]
    rows = [[float(x) for x in ln.split()] for ln in lines[2:]]
    assert [r[0] for r in rows] == pytest.approx([0.1 * k for k in range(21)], abs=1e-9)
    assert [r[1] for r in rows] == pytest.approx(DOC_V, rel=1e-5)
    assert [r[2] for r in rows] == pytest.approx(REF_M, rel=1e-5)
    assert h.t == pytest.approx(2.0)
    g = tmp_path / "more.dat"
    h.batch_run(2.3, 0.1, str(g))
    assert g.read_text().splitlines()[:3] == [
        "", "batch_run from t = 2 to 2.3 in steps of 0.1 with dt = 0.025", " 2 1.9538 0.986754"]


def test_batch_run_steps_past_each_interval(tmp_path, hh_soma):
    soma = hh_soma
    h.batch_save()
    h.batch_save(h._ref_t, soma(0.5).hh._ref_m)
    h.dt = 0.03
    h.finitialize(-65)
    f = tmp_path / "b.dat"
    h.batch_run(0.5, 0.07, str(f))
    rows = [ln.split() for ln in f.read_text().splitlines()[2:]]
    assert [r[0] for r in rows] == ["0", "0.09", "0.18", "0.27", "0.36", "0.45"]
    assert [r[1] for r in rows] == ["0.0529325", "0.0529363", "0.0529442", "0.0529547",
                                    "0.0638991", "0.111295"]
    assert h.t == pytest.approx(0.51)


def test_fmatrix(capsys):
    s = h.Section(name="fm_s")
    s.nseg = 3
    s.insert("hh")
    d = h.Section(name="fm_d")
    d.connect(s(1))
    d.nseg = 2
    d.insert("pas")
    h.finitialize(-65)
    assert [h.fmatrix(s(0.5), i) for i in range(1, 5)] == pytest.approx(
        [-31.77966101694915, 63.59999928754675, -31.77966101694915, 3.0323709182494916e-05],
        rel=1e-12)
    assert [h.fmatrix(0, i, sec=d) for i in range(1, 5)] == pytest.approx(
        [-63.5593220338983, 55465.97199134522, -33279.58319480713, 0.0], rel=1e-12)
    h.fadvance()
    capsys.readouterr()
    h.fmatrix()
    rows = {int(ln.split()[0]): ln.split()[1:] for ln in capsys.readouterr().out.splitlines()}
    # NEURON 9.0.2 prints "2 -31.7797 -31.7797 31.9824 -0.0605615" for s(0.5)
    assert rows[s(0.5).node_index()] == ["-31.7797", "-31.7797", "31.9824", "-0.0605615"]
    assert rows[d(0.75).node_index()] == ["-14.1243", "-14.1243", "14.1653", "-0.0611891"]
    assert [h.fmatrix(d(1), i) for i in range(1, 5)] == pytest.approx(
        [-28.248587570621478, 22186.388796538093, -22186.388796538093, -0.061189102096211145],
        rel=1e-12)
    h.delete_section(sec=d)
    h.delete_section(sec=s)
