"""The bulletin board over MPI: every submitted task runs once (on any rank), results and
saved arguments come back to the master, tasks may post messages, done() ends the workers;
with subworlds each task is a parallel computation of its subworld."""
import os
import subprocess
import sys

import pytest

from .mpirun import mpiexec_prefix, parse_records

MODEL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bulletin_model.py")


def run(prefix, *extra):
    proc = subprocess.run(prefix + [sys.executable, MODEL] + list(extra), capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    recs = parse_records(proc.stdout)
    assert len(recs) == 1          # only the master returns from runworker
    return recs[0]


@pytest.mark.parametrize("nproc", [0, 3])
def test_tasks_run_once_and_results_return(nproc):
    out = run(mpiexec_prefix(nproc) if nproc else [])
    assert out["nhost_world"] == max(nproc, 1) == out["nhost_bbs"]
    assert out["results"] == [float(i * i) for i in range(24)]
    assert out["userid"] == 7.0
    assert out["posted"] == [30.0, "text"]
    assert set(out["extra"]) <= set(range(max(nproc, 1)))


def test_subworlds_run_tasks_as_parallel_computations():
    out = run(mpiexec_prefix(4), "--subworlds", "2")
    assert (out["nhost_world"], out["nhost_bbs"]) == (4, 2)
    assert out["results"] == [float(2 * i + 1) for i in range(24)]   # (0 + i) + (1 + i)
    assert out["extra"] == [2]
    assert out["posted"] == [30.0, "text"]
