"""Under CVode a mechanism that writes an ion concentration as a STATE (a calcium pool) makes
the ion's concentration follow its state at every evaluation (the engine calls its
ode_synonym after scattering y), so eca and the calcium current see the integrator's cai:
the steps and values NEURON 9.0.2 prints for tests/data/cvode_ion/model.py."""
import json
import os
import shutil
import subprocess
import sys

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "cvode_ion")
NEURON_902 = [1197, -64.97441631314982, 0.03135414518041524, 52.84632822405992]


def test_calcium_pool_under_cvode_matches_neuron(tmp_path):
    for f in ("capool.mod", "cachan.mod", "model.py"):
        shutil.copy(os.path.join(DATA, f), tmp_path)
    nrnivmodl = os.path.join(os.path.dirname(sys.executable), "nrnivmodl")
    subprocess.run([nrnivmodl, "."], cwd=tmp_path, check=True, capture_output=True)
    # the global and the local step take the same steps on one cell (NEURON: 1197 points both)
    for args in ([], ["local"]):
        res = subprocess.run([sys.executable, "model.py"] + args, cwd=tmp_path,
                             capture_output=True, text=True)
        assert res.returncode == 0, res.stderr
        got = json.loads(res.stdout.strip().splitlines()[-1])
        assert got[0] == NEURON_902[0]
        for a, b in zip(got[1:], NEURON_902[1:]):
            assert abs(a - b) <= 1e-9 * abs(b)
