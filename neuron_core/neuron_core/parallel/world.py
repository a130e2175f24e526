"""Which world this process belongs to: alone, or one rank of an MPI job.

NEURON uses MPI only when asked: `nrnmpi_init()`, the environment variable NEURON_INIT_MPI=1,
or mpi4py having initialized MPI already.  The choice is made lazily, the first time a
ParallelContext needs to know, so `import neuron` and `from mpi4py import MPI` may come in
either order.  mpi4py is imported only when MPI is wanted: serial use never needs it.

Three communicators, as in NEURON: the world, the network world (`nhost`, `id`, spike
exchange; a subworld after `subworlds(n)`) and the bulletin-board world (rank 0 of each
subworld; None on the other ranks).
"""
from __future__ import annotations

import os
import sys
from typing import Optional

from .comm import MpiComm, SerialComm

_LAUNCHER_SIZE_VARS = ("OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "MV2_COMM_WORLD_SIZE", "PMIX_SIZE")

_state = {"world": None, "net": None, "bbs": None, "requested": False, "subworld_size": 0}


def _env_wants_mpi() -> bool:
    return os.environ.get("NEURON_INIT_MPI", "0").strip() not in ("", "0")


def _mpi4py_initialized():
    """The mpi4py MPI module if the user already initialized MPI with it, else None."""
    mod = sys.modules.get("mpi4py.MPI")
    if mod is None:
        return None
    try:
        return mod if mod.Is_initialized() and not mod.Is_finalized() else None
    except Exception:
        return None


def launcher_size() -> int:
    """Number of processes an MPI launcher (mpiexec) says it started; 1 when not launched so."""
    for var in _LAUNCHER_SIZE_VARS:
        try:
            n = int(os.environ.get(var, "1"))
        except ValueError:
            continue
        if n > 1:
            return n
    return 1


def _import_mpi(reason: str):
    try:
        from mpi4py import MPI
    except ImportError as exc:
        if launcher_size() > 1:
            raise ImportError(
                "%s, and this process is one of %d started by an MPI launcher, but mpi4py is not "
                "installed; install it with `pip install neuron[mpi]` (needs an MPI library such "
                "as OpenMPI)" % (reason, launcher_size())) from exc
        return None
    return MPI


def _decide() -> None:
    MPI = _mpi4py_initialized()
    ours = False
    if MPI is None and (_state["requested"] or _env_wants_mpi()):
        reason = "nrnmpi_init() was called" if _state["requested"] else "NEURON_INIT_MPI is set"
        MPI = _import_mpi(reason)
        ours = MPI is not None
    if MPI is None:
        _state["world"] = _state["net"] = _state["bbs"] = SerialComm()
        return
    w = MpiComm(MPI.COMM_WORLD, MPI)
    _state["world"] = _state["net"] = _state["bbs"] = w
    if ours and w.rank == 0:
        print("numprocs=%d" % w.size, flush=True)
    from . import abort
    abort.install(w)


def world():
    """All processes of the job."""
    if _state["world"] is None:
        _decide()
    return _state["world"]


def net():
    """The processes that simulate one network together (nhost, id, spike exchange)."""
    if _state["world"] is None:
        _decide()
    return _state["net"]


def bbs():
    """The bulletin-board communicator; None on ranks > 0 of a subworld."""
    if _state["world"] is None:
        _decide()
    return _state["bbs"]


def decided() -> bool:
    return _state["world"] is not None


def nrnmpi_init() -> float:
    """h.nrnmpi_init(): use MPI (through mpi4py) if this process was started by mpiexec."""
    _state["requested"] = True
    if _state["world"] is not None and not _state["world"].is_mpi:
        from .gids import table
        if not table.empty():
            raise RuntimeError("nrnmpi_init() must be called before gids are set up")
        _state["world"] = None
    world()
    return 0.0


def subworlds(size: int) -> None:
    """Split the world into groups of `size` ranks, each simulating its own network."""
    w = world()
    size = int(size)
    if size < 1:
        raise ValueError("subworlds(n): n must be >= 1")
    _state["subworld_size"] = size
    if not w.is_mpi:
        return
    color = w.rank // size
    sub = w.comm.Split(color, w.rank)
    _state["net"] = MpiComm(sub, w.MPI)
    leader = _state["net"].rank == 0
    bb = w.comm.Split(0 if leader else w.MPI.UNDEFINED, w.rank)
    _state["bbs"] = MpiComm(bb, w.MPI) if leader else None


def subworld_size() -> Optional[int]:
    return _state["subworld_size"] or None
