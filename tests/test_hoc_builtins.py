"""A HOC program using MechanismType, MechanismStandard, Pointer, fmatrix, Impedance, SaveState,
RangeVarPlot and mcell_ran4, run by nrniv: its output is NEURON 9.0.2's nrniv output."""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "data", "hoc_builtins", "analysis.hoc")

# /root/nrnref/bin/nrniv analysis.hoc (NEURON 9.0.2), banner lines removed
NEURON_OUTPUT = """hh17
0.0002 2
e_pas
7 7
-88.745555 -7.0621469
103.93687 76.474815
81.019769 51.870341
1 0.025
8 0 310
0 10 40 100 160 220 280 310 0.76283034 2"""


def test_analysis_builtins_from_hoc(tmp_path):
    nrniv = os.path.join(os.path.dirname(sys.executable), "nrniv")
    r = subprocess.run([nrniv, SCRIPT], cwd=str(tmp_path), capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    lines = [ln.strip() for ln in r.stdout.splitlines()
             if ln.strip() and not ln.startswith("NEURON")]
    assert lines == NEURON_OUTPUT.splitlines()
