"""ParallelContext over MPI: `mpiexec -n k python ring_model.py` gives the same spike raster
for k = 1, 2 and 4 as one process without MPI; failures and bad networks raise on every rank
instead of leaving ranks waiting.  Needs mpiexec and mpi4py (see README-ci.txt)."""
import os
import subprocess
import sys
import time

import pytest

from .mpirun import mpiexec_prefix as _mpiexec_prefix, parse_records

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.join(HERE, "ring_model.py")
TIMEOUT = 300


@pytest.fixture(scope="module")
def testmechs_lib(tmp_path_factory):
    import neuron_core
    src = os.path.join(os.path.dirname(neuron_core.__file__), "tests", "abi", "testmechs.c")
    out = str(tmp_path_factory.mktemp("mpi") / "libtestmechs.so")
    subprocess.run([os.environ.get("CC", "cc"), "-O2", "-shared", "-fPIC", "-I",
                    neuron_core.get_include(), src, "-o", out, "-lm"], check=True)
    return out


def run(lib, nproc, *extra, expect_ok=True):
    cmd = ([sys.executable] if nproc == 0 else _mpiexec_prefix(nproc) + [sys.executable])
    cmd += [MODEL, lib] + list(extra)
    env = dict(os.environ)
    env.pop("NEURON_INIT_MPI", None)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, env=env)
    if expect_ok:
        assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    return proc, parse_records(proc.stdout)



@pytest.fixture(scope="module")
def serial_raster(testmechs_lib):
    _, recs = run(testmechs_lib, 0)
    assert len(recs) == 1 and recs[0]["nhost"] == 1
    assert len(recs[0]["spikes"]) > 100
    return recs[0]


@pytest.mark.parametrize("nproc", [1, 2, 4])
def test_same_raster_on_1_2_4_ranks(testmechs_lib, serial_raster, nproc):
    _, recs = run(testmechs_lib, nproc)
    assert len(recs) == 1
    rec = recs[0]
    assert rec["nhost"] == nproc
    assert rec["t"] == serial_raster["t"]
    assert rec["spikes"] == serial_raster["spikes"]      # identical times, bit for bit


def test_psolve_in_two_calls_and_mpi4py_imported_first(testmechs_lib, serial_raster):
    _, recs = run(testmechs_lib, 2, "--split", "--mpi4py-first")
    assert recs[0]["nhost"] == 2
    assert recs[0]["spikes"] == serial_raster["spikes"]


def test_a_failing_rank_stops_every_rank(testmechs_lib):
    proc, recs = run(testmechs_lib, 2, "--fail-rank", "1", "--catch")
    by_rank = {r["rank"]: r for r in recs}
    assert sorted(by_rank) == [0, 1], proc.stderr[-3000:]
    assert by_rank[1]["error"] == "NeuronError" and "net_send delay < 0" in by_rank[1]["message"]
    assert by_rank[0]["error"] == "RemoteFailure"
    assert "rank 1" in by_rank[0]["message"] and "net_send delay < 0" in by_rank[0]["message"]


def test_uncaught_failure_aborts_the_job(testmechs_lib):
    proc, recs = run(testmechs_lib, 2, "--fail-rank", "0", expect_ok=False)
    assert proc.returncode != 0
    assert "MPI_Abort" in proc.stderr


def test_a_stuck_rank_is_ended_by_the_watchdog(testmechs_lib):
    t0 = time.monotonic()
    proc, recs = run(testmechs_lib, 2, "--hang-rank", "1", "--timeout", "3", expect_ok=False)
    assert proc.returncode != 0
    assert "no progress for 3 s in psolve" in proc.stderr
    assert time.monotonic() - t0 < 100


@pytest.mark.parametrize("flag, text", [
    ("--dup-gid", "gid used twice: set_gid2node gave the same gid to more than one rank"),
    ("--missing-gid", "gid_connect to gid 1000000"),
])
def test_bad_networks_raise_on_every_rank(testmechs_lib, flag, text):
    proc, recs = run(testmechs_lib, 2, flag, "--catch")
    assert sorted(r["rank"] for r in recs) == [0, 1], proc.stderr[-3000:]
    for r in recs:
        assert r["error"] == "NeuronError" and text in r["message"]


def test_gap_junction_across_ranks(testmechs_lib):
    model = os.path.join(HERE, "transfer_model.py")
    outs = []
    for prefix in ([sys.executable], _mpiexec_prefix(2) + [sys.executable]):
        proc = subprocess.run(prefix + [model, testmechs_lib], capture_output=True, text=True,
                              timeout=TIMEOUT)
        assert proc.returncode == 0, proc.stderr[-3000:]
        outs.append(parse_records(proc.stdout)[-1])
    one, two = outs
    assert (one["nhost"], two["nhost"]) == (1, 2)
    assert one["a"] == two["a"] and one["b"] == two["b"]
    assert one["a"][80] == pytest.approx(41.369636488718136, abs=1e-9)      # NEURON 9.0.2
    assert one["b"][80] == pytest.approx(-48.95122174968293, abs=1e-9)
