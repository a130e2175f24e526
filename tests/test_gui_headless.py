"""`from neuron import gui` works without a screen: nrngui.hoc (and stdrun) loaded, GUI
objects harmless and named as NEURON names them."""
from .fresh_process import run_python

SCRIPT = r'''
from neuron import gui, h
import neuron.gui
assert h.tstop == 5.0 and h.name_declared("run") == 1   # stdrun's run() is there
g0, g1 = h.Graph(), h.Graph()
assert (str(g0), str(g1)) == ("Graph[0]", "Graph[1]")
g0.addvar("v(.5)")
h.xpanel("x")
h.xbutton("b", "print 1")
h.xpanel()
print("ok")
'''


def test_from_neuron_import_gui():
    res = run_python(SCRIPT)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip().endswith("ok")


PLOTS = r'''
from neuron import gui, h
soma = h.Section(name="soma")
soma.insert("hh")
h.newPlotV()
h.newPlotI()
h.newvectorplot()
print("counts", int(h.graphList[0].count()), int(h.graphList[1].count()),
      int(h.flush_list.count()), h.graphList[0].o(0))
stim = h.IClamp(soma(0.5))
stim.delay, stim.dur, stim.amp = 1, 1, 0.3
h.tstop = 5
h.run()
print("v %.10f" % soma(0.5).v)
'''


def test_stdrun_plot_procedures_fill_the_graph_lists():
    # NEURON 9.0.2 with -nogui: counts 1 1 1 Graph[0], v after the run -64.9319716506
    # (screenless graphs draw nothing, so the run loop stays in the engine)
    res = run_python(PLOTS)
    assert res.returncode == 0, res.stderr
    assert "counts 1 1 1 Graph[0]" in res.stdout
    assert "v -64.9319716506" in res.stdout
