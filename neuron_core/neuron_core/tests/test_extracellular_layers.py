"""nlayer_extracellular from h; with one layer the layer variables are still arrays."""
import subprocess
import sys

SCRIPT = r'''
from neuron import h
assert h.nlayer_extracellular() == 2.0
h.nlayer_extracellular(1)
s = h.Section(name="s")
s.insert("extracellular")
seg = s(0.5)
assert (seg.xraxial[0], seg.xg[0], seg.xc[0], len(seg.vext)) == (1e9, 1e9, 0.0, 1)
seg.xraxial[0] = 5
assert seg.xraxial[0] == 5.0
try:
    h.nlayer_extracellular(3)
except RuntimeError as e:
    assert "instances exist" in str(e)
else:
    raise AssertionError("nlayer changed while instances exist")
h.finitialize(-65)
h.fadvance()
print("ok")
'''


def test_one_layer():
    # a fresh process: the layer count can change only while no section has extracellular
    res = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip().endswith("ok")
