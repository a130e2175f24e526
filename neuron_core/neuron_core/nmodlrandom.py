"""Random123 streams behind NMODL `RANDOM` variables (`pp.ranvar` in Python is an NMODLRandom).

Each instance's RANDOM variable owns one stream with NEURON's default ids (1, rank, n), n
counting up per process as streams are created."""
from __future__ import annotations

from .engine import ffi, lib


def new_stream(rank: int = 0):
    st = ffi.new("nrnran123_State*")
    lib.nrnran123_init_auto(st, rank)
    return st


class NMODLRandom:
    """Python face of a RANDOM variable's stream."""

    def __init__(self, state):
        self._s = state

    def set_ids(self, id1: float, id2: float, id3: float) -> "NMODLRandom":
        lib.nrnran123_setids(self._s, int(id1), int(id2), int(id3))
        return self

    def get_ids(self):
        ids = ffi.new("uint32_t[3]")
        lib.nrnran123_getids(self._s, ids, ids + 1, ids + 2)
        from .vector import Vector
        return Vector([float(ids[0]), float(ids[1]), float(ids[2])])

    def set_seq(self, seq: float) -> "NMODLRandom":
        lib.nrnran123_setseq4(self._s, float(seq))
        return self

    def get_seq(self) -> float:
        return float(lib.nrnran123_getseq4(self._s))

    def uniform(self) -> float:
        return float(lib.nrnran123_dblpick(self._s))

    def negexp(self, mean: float = 1.0) -> float:
        return float(lib.nrnran123_negexp(self._s, float(mean)))

    def normal(self, mean: float = 0.0, std: float = 1.0) -> float:
        return float(lib.nrnran123_normal(self._s, float(mean), float(std)))

    def ipick(self) -> float:
        return float(lib.nrnran123_ipick(self._s))
