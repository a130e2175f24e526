"""A PyNN network on the NEURON backend (PyNN's own .mod files built by our nrnivmodl,
integrate-and-fire and HH cells, Poisson and array spike sources, hclass'd point processes)
gives NEURON 9.0.2's spikes and traces.  Runs where PyNN is installed (`pip install PyNN`);
it is not a dependency."""
import os
import sys

import pytest

from .fresh_process import run_python

MODEL = """
import pyNN.neuron as sim
sim.setup(timestep=0.025, min_delay=1.0)
cells = sim.Population(10, sim.IF_cond_exp(tau_m=15.0, v_thresh=-52.0, cm=1.0))
hh = sim.Population(3, sim.HH_cond_exp())
src = sim.Population(10, sim.SpikeSourcePoisson(rate=80.0), label="in")
sim.Projection(src, cells, sim.OneToOneConnector(), sim.StaticSynapse(weight=0.05, delay=1.0), receptor_type="excitatory")
sim.Projection(cells, hh, sim.AllToAllConnector(), sim.StaticSynapse(weight=0.02, delay=2.0))
gen = sim.Population(2, sim.SpikeSourceArray(spike_times=[[5.0, 20.0], [7.5]]))
sim.Projection(gen, hh, sim.FixedProbabilityConnector(0.5, rng=sim.NumpyRNG(seed=3)), sim.StaticSynapse(weight=0.05, delay=1.5))
cells.record(["spikes", "v"]); hh.record("spikes"); src.record("spikes")
sim.run(200.0)
d = cells.get_data().segments[0]
n = sum(len(st) for st in d.spiketrains)
print("RESULT cells spikes", n, [round(float(t), 6) for st in d.spiketrains for t in st][:6])
print("RESULT hh spikes", sum(len(st) for st in hh.get_data().segments[0].spiketrains))
v = d.filter(name="v")[0]
print("RESULT v", v.shape, round(float(v.magnitude.max()), 8), round(float(v.magnitude[-1, 0]), 8))
sim.end()
"""


def test_pynn_network(tmp_path):
    pytest.importorskip("pyNN")
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    r = run_python(MODEL, tmp_path, env)
    assert r.returncode == 0, r.stderr[-3000:]
    # NEURON 9.0.2 with PyNN 0.13.0
    assert "RESULT cells spikes 104 [62.75, 68.5, 77.35, 82.1, 85.35, 89.9]" in r.stdout
    assert "RESULT hh spikes 18" in r.stdout
    assert "RESULT v (8001, 10) -51.81109442 -56.81149737" in r.stdout
    assert "NULLobject" not in r.stdout
