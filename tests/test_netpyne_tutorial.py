"""A NetPyNE network (two populations of ball-and-stick hh cells, Exp2Syn synapses, noisy
NetStim background through NetStim.noiseFromRandom) gives NEURON 9.0.2's spikes and traces.
Runs when NetPyNE is installed (`pip install netpyne`); it is not a dependency."""
import pytest

from .fresh_process import run_python

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
    r = run_python(MODEL, tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    # NEURON 9.0.2 with NetPyNE 1.1.1
    assert ("RESULT 575 [(6.825, 27), (6.975, 18), (9.475, 10), (12.15, 39), (14.825, 33)] "
            "287539.0 10001 -63.12604151 27.85646061") in r.stdout


CELL_HOC = """begintemplate PyrCell
public soma, dend, all, synlist, init
create soma, dend[2]
objref all, synlist
proc init() {
    all = new SectionList()
    synlist = new List()
    soma { L = 18.8 diam = 18.8 Ra = 123 nseg = 1 insert hh gnabar_hh = 0.13 all.append() }
    for i = 0, 1 {
        connect dend[i](0), soma(1)
        dend[i] { L = 150 + 50*i diam = 3 Ra = 150 nseg = 5 insert pas g_pas = 5e-5 e_pas = -65 all.append() }
    }
    soma { pt3dclear() pt3dadd(0, 0, 0, 18.8) pt3dadd(18.8, 0, 0, 18.8) }
}
endtemplate PyrCell
"""

IMPORT_MODEL = """
from netpyne import specs, sim
netParams = specs.NetParams()
cellRule = netParams.importCellParams(label='PYR_hoc', conds={'cellType': 'PYR'}, fileName='cell.hoc', cellName='PyrCell')
print("RESULT secs", sorted(cellRule['secs'].keys()), cellRule['secs']['soma']['mechs']['hh']['gnabar'], cellRule['secs']['dend_1']['geom'])
netParams.popParams['P'] = {'cellType': 'PYR', 'numCells': 4}
netParams.synMechParams['AMPA'] = {'mod': 'ExpSyn', 'tau': 2, 'e': 0}
netParams.stimSourceParams['ic'] = {'type': 'IClamp', 'del': 5, 'dur': 20, 'amp': 0.4}
netParams.stimTargetParams['ic->P'] = {'source': 'ic', 'sec': 'soma', 'loc': 0.5, 'conds': {'cellList': [0]}}
netParams.connParams['P->P'] = {'preConds': {'pop': 'P'}, 'postConds': {'pop': 'P'}, 'connList': [[0, 1], [1, 2], [2, 3]], 'weight': 0.05, 'delay': 3, 'sec': 'dend_0', 'loc': 0.8, 'synMech': 'AMPA'}
cfg = specs.SimConfig(); cfg.duration = 80; cfg.dt = 0.025; cfg.verbose = False; cfg.analysis = {}
cfg.recordTraces = {'V': {'sec': 'soma', 'loc': 0.5, 'var': 'v'}}; cfg.recordCells = ['all']
sim.createSimulateAnalyze(netParams=netParams, simConfig=cfg)
spk = sorted(zip(sim.allSimData['spkt'], sim.allSimData['spkid']))
print("RESULT", len(spk), [(round(t, 6), int(i)) for t, i in spk])
print("RESULT v", round(max(sim.allSimData['V']['cell_3']), 8))
"""


def test_netpyne_imports_a_hoc_template_cell(tmp_path):
    # importCellParams walks the instantiated template (dir(h), dir(seg), List("SectionList"),
    # seg.__getattribute__, MechanismStandard): NEURON 9.0.2 gives the same rule and spikes
    pytest.importorskip("netpyne")
    (tmp_path / "cell.hoc").write_text(CELL_HOC)
    r = run_python(IMPORT_MODEL, tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    assert ("RESULT secs ['dend_0', 'dend_1', 'soma'] 0.13 {L: 200.0, nseg: 5, diam: 3.0, "
            "Ra: 150.0, cm: 1.0}") in r.stdout
    assert "RESULT 4 [(7.175, 0), (11.475, 1), (15.775, 2), (20.075, 3)]" in r.stdout
    assert "RESULT v 32.14521403" in r.stdout


RXD_MODEL = """
from netpyne import specs, sim
netParams = specs.NetParams()
netParams.popParams['S'] = {'cellType': 'PYR', 'numCells': 3}
netParams.cellParams['PYR'] = {'secs': {'soma': {'geom': {'diam': 18.8, 'L': 18.8, 'Ra': 123.0}, 'mechs': {'hh': {}}}}}
netParams.stimSourceParams['ic'] = {'type': 'IClamp', 'del': 5, 'dur': 10, 'amp': 0.3}
netParams.stimTargetParams['ic->S'] = {'source': 'ic', 'sec': 'soma', 'loc': 0.5, 'conds': {'cellList': [0, 1]}}
netParams.rxdParams['regions'] = {'cyt': {'cells': 'all', 'secs': 'all', 'nrn_region': 'i'}}
netParams.rxdParams['species'] = {'ca': {'regions': ['cyt'], 'd': 0.08, 'charge': 2, 'initial': 1e-4},
                                  'buf': {'regions': ['cyt'], 'd': 0, 'initial': 1e-3},
                                  'cabuf': {'regions': ['cyt'], 'd': 0, 'initial': 0}}
netParams.rxdParams['reactions'] = {'buffering': {'reactant': '2 * ca + buf', 'product': 'cabuf', 'rate_f': 1, 'rate_b': 0.1}}
cfg = specs.SimConfig(); cfg.duration = 40; cfg.dt = 0.025; cfg.verbose = False; cfg.analysis = {}
cfg.recordTraces = {'cai': {'sec': 'soma', 'loc': 0.5, 'var': 'cai'}, 'V': {'sec': 'soma', 'loc': 0.5, 'var': 'v'}}
cfg.recordCells = ['all']
sim.createSimulateAnalyze(netParams=netParams, simConfig=cfg)
spk = sorted(zip(sim.allSimData['spkt'], sim.allSimData['spkid']))
print("RESULT", len(spk), [(round(t, 6), int(i)) for t, i in spk])
print("RESULT cai %.10e %.10e" % (sim.allSimData['cai']['cell_0'][-1], sim.allSimData['cai']['cell_2'][-1]))
"""


def test_netpyne_rxd_network(tmp_path):
    # regions, species and a buffering reaction from netParams.rxdParams: NEURON 9.0.2 gives
    # the same spikes and cai
    pytest.importorskip("netpyne")
    r = run_python(RXD_MODEL, tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "RESULT 2 [(6.125, 0), (6.125, 1)]" in r.stdout
    assert "RESULT cai 9.9999803682e-05 9.9999803682e-05" in r.stdout
