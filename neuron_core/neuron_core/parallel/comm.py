"""The communicators ParallelContext talks through: one process, or MPI through mpi4py.

Both classes offer the same small set of operations (object collectives for the `py_*`
methods, array collectives for spikes and Vectors), so the rest of the package never asks
whether MPI is present.  `MpiComm` needs mpi4py; it is only constructed by `world`.
"""
from __future__ import annotations

import pickle
import sys
import time
from typing import Any, List, Sequence

import numpy as np

SUM, MAX, MIN = 1, 2, 3   # ParallelContext.allreduce type codes


def _reduce_local(op: int) -> None:
    if op not in (SUM, MAX, MIN):
        raise ValueError("allreduce type must be 1 (sum), 2 (max) or 3 (min), not %r" % (op,))


class SerialComm:
    """A world of one process: every collective returns this process's own data."""

    rank = 0
    size = 1
    is_mpi = False

    def wtime(self) -> float:
        return time.perf_counter()

    def barrier(self) -> None:
        pass

    def allreduce(self, x: np.ndarray, op: int) -> np.ndarray:
        _reduce_local(op)
        return np.array(x, dtype=np.float64, copy=True)

    def allgather_array(self, x: np.ndarray) -> np.ndarray:
        """Every rank's equal-length array, stacked in rank order (shape (size, n))."""
        return np.array(x, copy=True).reshape(1, -1)

    def allgatherv(self, x: np.ndarray, counts: np.ndarray) -> np.ndarray:
        return np.array(x, copy=True)

    def alltoallv(self, x: np.ndarray, sendcounts: np.ndarray) -> np.ndarray:
        return np.array(x[:int(sendcounts[0])], copy=True)

    def bcast_array(self, x: np.ndarray, root: int) -> np.ndarray:
        return np.array(x, copy=True)

    def allgather(self, obj: Any) -> List[Any]:
        return [obj]

    def alltoall(self, objs: Sequence[Any]) -> List[Any]:
        return list(objs)

    def bcast(self, obj: Any, root: int) -> Any:
        return obj

    def gather(self, obj: Any, root: int) -> List[Any]:
        return [obj]

    def scatter(self, objs: Sequence[Any], root: int) -> Any:
        return objs[0]

    def abort(self, code: int = 1) -> None:
        sys.exit(code)


class MpiComm:
    """An mpi4py communicator (COMM_WORLD or a subworld split from it)."""

    is_mpi = True

    def __init__(self, comm, MPI):
        self.comm = comm
        self.MPI = MPI
        self.rank = comm.Get_rank()
        self.size = comm.Get_size()
        self._ops = {SUM: MPI.SUM, MAX: MPI.MAX, MIN: MPI.MIN}

    def wtime(self) -> float:
        return self.MPI.Wtime()

    def barrier(self) -> None:
        self.comm.Barrier()

    def allreduce(self, x: np.ndarray, op: int) -> np.ndarray:
        _reduce_local(op)
        src = np.ascontiguousarray(x, dtype=np.float64)
        out = np.empty_like(src)
        self.comm.Allreduce(src, out, op=self._ops[op])
        return out

    def allgather_array(self, x: np.ndarray) -> np.ndarray:
        src = np.ascontiguousarray(x)
        out = np.empty((self.size,) + src.shape, dtype=src.dtype)
        self.comm.Allgather(src, out)
        return out.reshape(self.size, -1)

    def allgatherv(self, x: np.ndarray, counts: np.ndarray) -> np.ndarray:
        src = np.ascontiguousarray(x, dtype=np.float64)
        counts = np.asarray(counts, dtype=np.int64)
        displ = np.zeros(self.size, dtype=np.int64)
        np.cumsum(counts[:-1], out=displ[1:])
        out = np.empty(int(counts.sum()), dtype=np.float64)
        self.comm.Allgatherv(src, [out, counts, displ, self.MPI.DOUBLE])
        return out

    def alltoallv(self, x: np.ndarray, sendcounts: np.ndarray) -> np.ndarray:
        src = np.ascontiguousarray(x, dtype=np.float64)
        sendcounts = np.asarray(sendcounts, dtype=np.int64)
        recvcounts = np.empty(self.size, dtype=np.int64)
        self.comm.Alltoall(sendcounts, recvcounts)
        sdispl = np.zeros(self.size, dtype=np.int64)
        rdispl = np.zeros(self.size, dtype=np.int64)
        np.cumsum(sendcounts[:-1], out=sdispl[1:])
        np.cumsum(recvcounts[:-1], out=rdispl[1:])
        out = np.empty(int(recvcounts.sum()), dtype=np.float64)
        self.comm.Alltoallv([src, sendcounts, sdispl, self.MPI.DOUBLE],
                            [out, recvcounts, rdispl, self.MPI.DOUBLE])
        return out

    def bcast_array(self, x: np.ndarray, root: int) -> np.ndarray:
        n = np.array([len(x) if self.rank == root else 0], dtype=np.int64)
        self.comm.Bcast(n, root=root)
        out = np.ascontiguousarray(x, dtype=np.float64) if self.rank == root else np.empty(int(n[0]))
        self.comm.Bcast(out, root=root)
        return np.array(out, copy=True)

    def allgather(self, obj: Any) -> List[Any]:
        return self.comm.allgather(obj)

    def alltoall(self, objs: Sequence[Any]) -> List[Any]:
        return self.comm.alltoall(list(objs))

    def bcast(self, obj: Any, root: int) -> Any:
        return self.comm.bcast(obj, root=root)

    def gather(self, obj: Any, root: int) -> List[Any]:
        return self.comm.gather(obj, root=root)

    def scatter(self, objs: Sequence[Any], root: int) -> Any:
        return self.comm.scatter(list(objs) if objs is not None else None, root=root)

    def abort(self, code: int = 1) -> None:
        self.MPI.COMM_WORLD.Abort(code)


def roundtrip(obj: Any) -> Any:
    """A copy of obj as another rank would receive it (pickled and unpickled)."""
    return pickle.loads(pickle.dumps(obj, pickle.HIGHEST_PROTOCOL))
