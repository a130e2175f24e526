"""A model's own .mod files against the mechanisms shipped as plugins.

Network models ship vecevent.mod (VecStim), which NEURON 9.0.2 does not build in: the model's
VecStim must replace the plugin's.  A model file redefining a mechanism NEURON does build in
(pas, hh, ExpSyn...) is NEURON's error "The user defined name, pas, already exists."
Each case runs in a fresh process whose working folder holds the compiled model files, so
`import neuron` loads them after the plugins, as for a user.
"""
import os

from .fresh_process import build_mod_files, run_python

VECSTIM = """
NEURON { ARTIFICIAL_CELL VecStim RANGE marker }
PARAMETER { marker = 7 }
NET_RECEIVE (w) { if (flag == 1) { net_event(t) } }
INITIAL { net_send(1.5, 1) }
"""

PAS = """
NEURON { SUFFIX pas NONSPECIFIC_CURRENT i RANGE g, e }
PARAMETER { g = .001 (S/cm2) e = -70 (mV) }
ASSIGNED { v (mV) i (mA/cm2) }
BREAKPOINT { i = g*(v - e) }
"""


def test_model_vecstim_replaces_the_plugin_one(tmp_path):
    build_mod_files(tmp_path, {"vecevent.mod": VECSTIM})
    r = run_python("""
        from neuron import h
        vs = h.VecStim()
        nc = h.NetCon(vs, None)
        tv = h.Vector()
        nc.record(tv)
        h.finitialize(-65)
        while h.t < 3:
            h.fadvance()
        print("RESULT", vs.marker, list(tv))
    """, tmp_path)
    assert r.returncode == 0, r.stderr
    assert "RESULT 7.0 [1.5]" in r.stdout


def test_plugin_vecstim_in_use_is_not_replaced(tmp_path):
    build_mod_files(tmp_path, {"vecevent.mod": VECSTIM})
    os.makedirs(tmp_path / "elsewhere")
    r = run_python("""
        import neuron
        from neuron import h
        vs = h.VecStim()
        try:
            neuron.load_mechanisms(%r)
        except Exception as e:
            print("ERROR", e)
        vs.play(h.Vector([1.0]))
        print("STILL", hasattr(vs, "marker"))
    """ % str(tmp_path), tmp_path / "elsewhere")
    assert r.returncode == 0, r.stderr
    assert "ERROR VecStim from vecevent.mod would replace the VecStim of package" in r.stdout
    assert "STILL False" in r.stdout


def test_redefining_a_builtin_name_is_an_error(tmp_path):
    build_mod_files(tmp_path, {"mypas.mod": PAS})
    r = run_python("from neuron import h\nprint('LOADED')", tmp_path)
    assert r.returncode != 0
    assert "The user defined name, pas, already exists" in r.stderr
