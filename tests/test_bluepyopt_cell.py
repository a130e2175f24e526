"""A BluePyOpt ephys cell model (SWC morphology through Import3d, section lists, square
current steps, eFEL spike counts) gives NEURON 9.0.2's traces and scores.  Runs where
BluePyOpt is installed (`pip install bluepyopt`); it is not a dependency."""
import pytest

from .fresh_process import run_python

SWC = """# simple soma with one dendrite
1 1 0 0 0 10 -1
2 1 0 -10 0 10 1
3 1 0 10 0 10 1
4 3 0 20 0 1 3
5 3 0 120 0 0.8 4
6 3 0 220 0 0.6 5
"""

MODEL = """
import numpy as np
import bluepyopt.ephys as ephys
morph = ephys.morphologies.NrnFileMorphology('simple.swc')
somatic = ephys.locations.NrnSeclistLocation('somatic', seclist_name='somatic')
basal = ephys.locations.NrnSeclistLocation('basal', seclist_name='basal')
hh = ephys.mechanisms.NrnMODMechanism(name='hh', suffix='hh', locations=[somatic])
pas = ephys.mechanisms.NrnMODMechanism(name='pas', suffix='pas', locations=[basal])
params = [
    ephys.parameters.NrnSectionParameter(name='cm', param_name='cm', value=1.0, locations=[somatic, basal], frozen=True),
    ephys.parameters.NrnSectionParameter(name='gnabar_hh', param_name='gnabar_hh', locations=[somatic], bounds=[0.05, 0.125], frozen=False),
    ephys.parameters.NrnSectionParameter(name='gkbar_hh', param_name='gkbar_hh', locations=[somatic], bounds=[0.01, 0.075], frozen=False),
    ephys.parameters.NrnSectionParameter(name='g_pas', param_name='g_pas', value=1e-4, locations=[basal], frozen=True),
]
cell = ephys.models.CellModel(name='simple_cell', morph=morph, mechs=[hh, pas], params=params)
soma_loc = ephys.locations.NrnSeclistCompLocation(name='soma', seclist_name='somatic', sec_index=0, comp_x=0.5)
prots = []
for name, amp in [('step1', 0.05), ('step2', 0.2)]:
    stim = ephys.stimuli.NrnSquarePulse(step_amplitude=amp, step_delay=100, step_duration=50, location=soma_loc, total_duration=200)
    rec = ephys.recordings.CompRecording(name='%s.soma.v' % name, location=soma_loc, variable='v')
    prots.append(ephys.protocols.SweepProtocol(name, [stim], [rec]))
proto = ephys.protocols.SequenceProtocol('twostep', protocols=prots)
nrn = ephys.simulators.NrnSimulator(cvode_active=False)
resp = proto.run(cell_model=cell, param_values={'gnabar_hh': 0.1, 'gkbar_hh': 0.03}, sim=nrn)
for k in sorted(resp):
    r = resp[k].response
    v = np.array(r['voltage']); t = np.array(r['time'])
    print("RESULT", k, len(v), "%.8f %.8f %.8f" % (v.max(), v[len(v)//2], t[-1]))
# efeatures + objective
feats = []
for name in ['step1', 'step2']:
    f = ephys.efeatures.eFELFeature(name='%s.Spikecount' % name, efel_feature_name='Spikecount', recording_names={'': '%s.soma.v' % name}, stim_start=100, stim_end=150, exp_mean=5, exp_std=0.5)
    feats.append(f)
objs = [ephys.objectives.SingletonObjective(f.name, f) for f in feats]
calc = ephys.objectivescalculators.ObjectivesCalculator(objs)
print("RESULT scores", calc.calculate_scores(resp))
"""


def _run(tmp_path, model):
    (tmp_path / "simple.swc").write_text(SWC)
    return run_python(model, tmp_path)


def test_bluepyopt_simple_cell_under_cvode(tmp_path):
    # BluePyOpt's default, the variable step: NEURON 9.0.2's time points and values exactly
    pytest.importorskip("bluepyopt")
    r = _run(tmp_path, MODEL.replace("NrnSimulator(cvode_active=False)", "NrnSimulator()"))
    assert r.returncode == 0, r.stderr[-3000:]
    assert "RESULT step1.soma.v 390 25.72052544 -2.00045097 200.00000000" in r.stdout
    assert "RESULT step2.soma.v 783 34.81462223 -49.10552905 200.00000000" in r.stdout


def test_bluepyopt_simple_cell(tmp_path):
    pytest.importorskip("bluepyopt")
    r = _run(tmp_path, MODEL)
    assert r.returncode == 0, r.stderr[-3000:]
    # NEURON 9.0.2 with BluePyOpt 1.14.26, fixed step
    assert "RESULT step1.soma.v 8001 24.98350757 -64.87396415 200.00000000" in r.stdout
    assert "RESULT step2.soma.v 8001 34.40535676 -64.87396415 200.00000000" in r.stdout
    assert "'step1.Spikecount': np.float64(8.0), 'step2.Spikecount': np.float64(2.0)" in r.stdout
