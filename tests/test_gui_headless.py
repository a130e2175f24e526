"""`from neuron import gui` works without a screen: nrngui.hoc (and stdrun) loaded, GUI
objects harmless and named as NEURON names them."""
import subprocess
import sys

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
    res = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip().endswith("ok")
