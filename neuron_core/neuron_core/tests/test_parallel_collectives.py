"""Collectives on one process behave as NEURON 9.0.2's do without MPI (each returns this
process's own data), and serial use never imports mpi4py."""
import subprocess
import sys

import pytest

from neuron_core.errors import NeuronError
from neuron_core.parallel import ParallelContext
from neuron_core.vector import Vector


@pytest.fixture
def pc():
    return ParallelContext()


class StrDef(list):
    """Stands for h.ref('...'): a one-element mutable string holder."""


def test_identity(pc):
    assert (pc.nhost(), pc.id(), pc.nhost_world(), pc.id_world()) == (1, 0, 1, 0)
    assert (pc.nhost_bbs(), pc.id_bbs()) == (1, 0)
    assert isinstance(pc.nhost(), int) and isinstance(pc.id(), int)


def test_scalar_and_vector_reductions(pc):
    assert pc.allreduce(3.5, 1) == 3.5
    assert pc.allreduce(2, 3) == 2.0 and isinstance(pc.allreduce(2, 2), float)
    v = Vector([1, 2, 3])
    assert pc.allreduce(v, 2) == 0.0
    assert list(v) == [1.0, 2.0, 3.0]


def test_allgather_alltoall_broadcast(pc):
    v = Vector([1, 2, 3])
    assert pc.allgather(2.5, v) == 0.0
    assert list(v) == [2.5]
    dest = Vector()
    assert pc.alltoall(Vector([1, 2, 3]), Vector([3]), dest) == 0.0
    assert list(dest) == [1.0, 2.0, 3.0]
    with pytest.raises(NeuronError, match="nhost = 1"):
        pc.alltoall(Vector([1, 2]), Vector([1, 1]), dest)
    s = StrDef(["hello"])
    assert pc.broadcast(s, 0) == 5.0 and s[0] == "hello"
    assert pc.broadcast(Vector([4, 5]), 0) == 2.0


def test_python_object_collectives_return_the_objects(pc):
    a = [1]
    assert pc.py_allgather(a)[0] is a
    assert pc.py_alltoall([a])[0] is a
    assert pc.py_broadcast(a, 0) is a
    assert pc.py_gather(a, 0) == [a]
    assert pc.py_scatter([a], 0) is a
    with pytest.raises(NeuronError, match="list size must be nhost"):
        pc.py_alltoall([1, 2])


def test_barrier_statistics_and_compat_methods(pc):
    assert pc.barrier() == 0.0
    refs = [[None], [None], [None]]
    assert pc.spike_statistics(*refs) == 0
    assert [r[0] for r in refs] == [0, 0, 0]
    assert pc.spike_compress(5, 1, 0) == 0.0
    assert isinstance(pc.time(), float)
    for m in (pc.wait_time, pc.step_time, pc.send_time, pc.event_time, pc.integ_time,
              pc.vtransfer_time, pc.mech_time):
        assert isinstance(m(), float)
    assert pc.mpiabort_on_error(0) == 1.0
    assert pc.mpiabort_on_error(1) == 0.0
    assert pc.timeout(5) == 20.0
    assert pc.timeout(20) == 5.0


def test_serial_use_does_not_import_mpi4py():
    code = ("import sys, neuron_core\n"
            "from neuron_core.parallel import ParallelContext\n"
            "pc = ParallelContext()\n"
            "assert pc.nhost() == 1 and pc.allreduce(1, 1) == 1\n"
            "print('mpi4py' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={k: v for k, v in __import__("os").environ.items()
                              if k != "NEURON_INIT_MPI"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
