"""A NetPyNE network (two populations of ball-and-stick hh cells, Exp2Syn synapses, noisy
NetStim background through NetStim.noiseFromRandom) gives NEURON 9.0.2's spikes and traces.
Runs when NetPyNE is installed (`pip install netpyne`); it is not a dependency."""
import subprocess
import sys
import textwrap

import pytest

MODEL = """
from netpyne import specs, sim
netParams = specs.NetParams()
simConfig = specs.SimConfig()
netParams.popParams['S'] = {'cellType': 'PYR', 'numCells': 20}
netParams.popParams['M'] = {'cellType': 'PYR', 'numCells': 20}
netParams.cellParams['PYR'] = {'secs': {
    'soma': {'geom': {'diam': 18.8, 'L': 18.8, 'Ra': 123.0},
             'mechs': {'hh': {'gnabar': 0.12, 'gkbar': 0.036, 'gl': 0.003, 'el': -70}}},
    'dend': {'geom': {'diam': 5.0, 'L': 150.0, 'Ra': 150.0, 'cm': 1, 'nseg': 5},
             'topol': {'parentSec': 'soma', 'parentX': 1.0, 'childX': 0},
             'mechs': {'pas': {'g': 0.0000357, 'e': -70}}}}}
netParams.synMechParams['exc'] = {'mod': 'Exp2Syn', 'tau1': 0.1, 'tau2': 5.0, 'e': 0}
netParams.stimSourceParams['bkg'] = {'type': 'NetStim', 'rate': 10, 'noise': 0.5}
netParams.stimTargetParams['bkg->PYR'] = {'source': 'bkg', 'conds': {'cellType': 'PYR'},
                                          'weight': 0.05, 'delay': 5, 'synMech': 'exc'}
netParams.connParams['S->M'] = {'preConds': {'pop': 'S'}, 'postConds': {'pop': 'M'},
    'probability': 0.5, 'weight': 0.01, 'delay': 5, 'sec': 'dend', 'loc': 1.0, 'synMech': 'exc'}
simConfig.duration = 1000
simConfig.dt = 0.025
simConfig.seeds = {'conn': 1, 'stim': 1, 'loc': 1}
simConfig.verbose = False
simConfig.recordTraces = {'V_soma': {'sec': 'soma', 'loc': 0.5, 'var': 'v'}}
simConfig.recordStep = 0.1
simConfig.recordCells = ['all']
simConfig.saveJson = False
simConfig.analysis = {}
sim.createSimulateAnalyze(netParams=netParams, simConfig=simConfig)
spk = sorted(zip(sim.allSimData['spkt'], sim.allSimData['spkid']))
v = list(sim.allSimData['V_soma']['cell_25'])
print("RESULT", len(spk), [(round(t, 6), int(i)) for t, i in spk[:5]],
      round(sum(t for t, _ in spk), 6), len(v), round(float(v[500]), 8), round(float(max(v)), 8))
"""


def test_netpyne_tutorial_network(tmp_path):
    pytest.importorskip("netpyne")
    r = subprocess.run([sys.executable, "-c", textwrap.dedent(MODEL)], cwd=str(tmp_path),
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr[-3000:]
    # NEURON 9.0.2 with NetPyNE 1.1.1
    assert ("RESULT 575 [(6.825, 27), (6.975, 18), (9.475, 10), (12.15, 39), (14.825, 33)] "
            "287539.0 10001 -63.12604151 27.85646061") in r.stdout
