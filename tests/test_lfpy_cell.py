"""An LFPy cell (SWC morphology, passive membrane, an ExpSyn driven by spike times, an IClamp,
a line-source extracellular electrode) gives NEURON 9.0.2's membrane potentials, membrane
currents and extracellular potentials.  Runs where LFPy is installed (`pip install LFPy`); it
is not a dependency."""
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
import LFPy
cell = LFPy.Cell(morphology='simple.swc', passive=True, passive_parameters={'g_pas': 1e-4, 'e_pas': -65.},
                 cm=1.0, Ra=150, v_init=-65, tstart=0, tstop=50, dt=2**-4, nsegs_method='lambda_f', lambda_f=100)
syn = LFPy.Synapse(cell, idx=cell.get_closest_idx(x=0, y=150, z=0), syntype='ExpSyn', weight=0.01, tau=2, record_current=True)
syn.set_spike_times(np.array([5., 20.]))
stim = LFPy.StimIntElectrode(cell, idx=0, pptype='IClamp', amp=0.2, dur=10, delay=25, record_current=True)
elec = LFPy.RecExtElectrode(cell, x=np.array([30., 30.]), y=np.array([0., 100.]), z=np.array([0., 0.]), sigma=0.3, method='linesource')
cell.simulate(probes=[elec], rec_imem=True, rec_vmem=True)
print("RESULT n", cell.totnsegs, len(cell.tvec))
print("RESULT area %.8f" % cell.area.sum(), "x %.6f %.6f" % (cell.x.min(), cell.x.max()), "y %.6f" % cell.y.max())
print("RESULT vsoma %.10f %.10f" % (cell.vmem[0].max(), cell.vmem[0][-1]))
print("RESULT imem %.10e" % np.abs(cell.imem).max())
print("RESULT lfp %.10e %.10e" % (elec.data[0].min(), elec.data[1].max()))
print("RESULT syn %.10e" % syn.i.min())
"""


def test_lfpy_cell_and_electrode(tmp_path):
    pytest.importorskip("LFPy")
    (tmp_path / "simple.swc").write_text(SWC)
    r = run_python(MODEL, tmp_path)
    assert r.returncode == 0, r.stderr[-3000:]
    assert "Exception ignored" not in r.stderr
    # NEURON 9.0.2 with LFPy 2.3.7
    for line in ("RESULT n 11 801",
                 "RESULT area 2324.78058925 x 0.000000 0.000000 y 220.000000",
                 "RESULT vsoma 1.4077727133 -50.4398658641",
                 "RESULT imem 4.3208622253e-01",
                 "RESULT lfp -3.6664020794e-04 7.3381511888e-04",
                 "RESULT syn -6.5000000000e-01"):
        assert line in r.stdout
