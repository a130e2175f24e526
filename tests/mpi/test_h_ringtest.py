"""The shared ringtest benchmark through `from neuron import h`, distributed over 1 and 2 MPI
ranks (tests/mpi/ringtest_mpi.py): the spike count and the sum of spike times equal NEURON
9.0.2's for the same model (20 rings, 50 ms: 380 spikes, sum 9893.55)."""
import os
import subprocess
import sys

import pytest

from .mpirun import mpiexec_prefix, parse_records

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "ringtest_mpi.py")


@pytest.fixture(scope="module")
def h_ready():
    code = "from neuron import h; h.ParallelContext; h.hh; h.ExpSyn; h.NetStim"
    if subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=300).returncode:
        pytest.skip("h.ParallelContext or the standard mechanisms are not available through h")


@pytest.mark.parametrize("nproc", [0, 1, 2])
def test_ringtest_spikes_equal_neurons(h_ready, nproc):
    prefix = mpiexec_prefix(nproc) if nproc else []
    proc = subprocess.run(prefix + [sys.executable, SCRIPT, "--nring", "20", "--tstop", "50"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    rec = parse_records(proc.stdout)[-1]
    assert rec["nhost"] == max(nproc, 1)
    assert (rec["n_spikes"], rec["spike_t_sum"]) == (380, 9893.55)
