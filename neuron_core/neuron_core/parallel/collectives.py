"""ParallelContext's collectives with NEURON's argument conventions (Vectors filled in place,
strdefs, Python objects).  On one process each returns this process's own data: the same
objects for the py_* forms, as NEURON does."""
from __future__ import annotations

import pickle
from typing import Any, List, Sequence

import numpy as np

from ..errors import NeuronError
from . import world
from .strdef import get_text, set_text


def _is_vector(x) -> bool:
    return hasattr(x, "as_numpy") and hasattr(x, "_cv")


def _fill(vec, values: np.ndarray) -> None:
    vec.resize(len(values))
    vec.as_numpy()[:] = values


def barrier() -> float:
    comm = world.net()
    t0 = comm.wtime()
    comm.barrier()
    return float(comm.wtime() - t0) if comm.size > 1 else 0.0


def allreduce(x, op) -> float:
    comm = world.net()
    op = int(op)
    if _is_vector(x):
        if comm.size > 1:
            _fill(x, comm.allreduce(x.as_numpy(), op))
        return 0.0
    if comm.size == 1:
        return float(x)
    return float(comm.allreduce(np.array([float(x)]), op)[0])


def allgather(x, vec) -> float:
    comm = world.net()
    _fill(vec, comm.allgather_array(np.array([float(x)])).ravel())
    return 0.0


def alltoall(vsrc, vcnt, vdest) -> float:
    comm = world.net()
    counts = np.asarray(vcnt.as_numpy(), dtype=np.int64)
    if len(counts) != comm.size:
        raise NeuronError("alltoall: the counts Vector must have nhost = %d elements, not %d"
                          % (comm.size, len(counts)))
    src = vsrc.as_numpy()
    if counts.sum() > len(src):
        raise NeuronError("alltoall: the counts add up to %d but the source Vector has %d elements"
                          % (int(counts.sum()), len(src)))
    _fill(vdest, comm.alltoallv(src, counts))
    return 0.0


def broadcast(x, root) -> float:
    comm = world.net()
    root = int(root)
    if _is_vector(x):
        if comm.size > 1:
            _fill(x, comm.bcast_array(x.as_numpy(), root))
        return float(len(x))
    text = get_text(x)
    if comm.size > 1:
        text = comm.bcast(text if comm.rank == root else None, root)
        set_text(x, text)
    return float(len(text))


def _check_list(objs, what: str) -> Sequence[Any]:
    size = world.net().size
    if objs is None or not hasattr(objs, "__len__") or len(objs) != size:
        raise NeuronError("%s list size must be nhost (%d)" % (what, size))
    return objs


def py_alltoall(objs: Sequence[Any], bufsize=None):
    comm = world.net()
    _check_list(objs, "py_alltoall")
    if comm.size == 1:
        return list(objs)
    if bufsize is not None and int(bufsize) == -1:
        out = sum(len(pickle.dumps(o, pickle.HIGHEST_PROTOCOL)) for o in objs)
        sizes = comm.alltoall([len(pickle.dumps(o, pickle.HIGHEST_PROTOCOL)) for o in objs])
        return (out, sum(sizes))
    return comm.alltoall(objs)


def py_allgather(obj: Any) -> List[Any]:
    comm = world.net()
    return [obj] if comm.size == 1 else comm.allgather(obj)


def py_gather(obj: Any, root) -> Any:
    comm = world.net()
    if comm.size == 1:
        return [obj]
    return comm.gather(obj, int(root))


def py_broadcast(obj: Any, root) -> Any:
    comm = world.net()
    if comm.size == 1:
        return obj
    return comm.bcast(obj, int(root))


def py_scatter(objs, root) -> Any:
    comm = world.net()
    root = int(root)
    if comm.rank == root:
        _check_list(objs, "py_scatter")
    if comm.size == 1:
        return objs[0]
    return comm.scatter(objs if comm.rank == root else None, root)
