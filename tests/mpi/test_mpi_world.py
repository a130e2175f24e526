"""When MPI is used, as in NEURON 9.0.2: only after nrnmpi_init(), NEURON_INIT_MPI=1 or an
mpi4py import (in either order with neuron); otherwise every process launched by mpiexec is
an independent one-process simulation."""
import os
import re
import subprocess
import sys

import pytest

from .mpirun import mpiexec_prefix

IDS = ("import sys\nsys.stdout.write('<id %d of %d>\\n' % (pc.id(), pc.nhost()))\n"
       "sys.stdout.flush()\n")
CASES = {
    "none": "from neuron_core.parallel import ParallelContext\npc = ParallelContext()\n" + IDS,
    "nrnmpi_init": ("from neuron_core.parallel import ParallelContext, nrnmpi_init\n"
                    "nrnmpi_init()\npc = ParallelContext()\n" + IDS),
    "mpi4py_first": ("from mpi4py import MPI\nfrom neuron_core.parallel import ParallelContext\n"
                     "pc = ParallelContext()\n" + IDS),
    "mpi4py_after": ("from neuron_core.parallel import ParallelContext\npc = ParallelContext()\n"
                     "from mpi4py import MPI\n" + IDS),
}


def ids(prefix, code, env=None):
    full = dict(os.environ)
    full.pop("NEURON_INIT_MPI", None)
    full.update(env or {})
    proc = subprocess.run(prefix + [sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300, env=full)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return sorted("id %s of %s" % m for m in re.findall(r"<id (\d+) of (\d+)>", proc.stdout))


@pytest.mark.parametrize("case, expect", [
    ("none", ["id 0 of 1", "id 0 of 1"]),
    ("nrnmpi_init", ["id 0 of 2", "id 1 of 2"]),
    ("mpi4py_first", ["id 0 of 2", "id 1 of 2"]),
    ("mpi4py_after", ["id 0 of 2", "id 1 of 2"]),
])
def test_when_mpi_is_used(case, expect):
    assert ids(mpiexec_prefix(2), CASES[case]) == expect


def test_neuron_init_mpi_environment_variable():
    prefix = mpiexec_prefix(2)
    if "--oversubscribe" in prefix:      # Open MPI passes variables on with -x
        prefix = prefix[:1] + ["-x", "NEURON_INIT_MPI"] + prefix[1:]
    assert ids(prefix, CASES["none"], {"NEURON_INIT_MPI": "1"}) == ["id 0 of 2", "id 1 of 2"]


def test_nrnmpi_init_without_mpiexec_is_one_process():
    mpiexec_prefix(1)                    # skips when MPI is not installed
    assert ids([], CASES["nrnmpi_init"]) == ["id 0 of 1"]
