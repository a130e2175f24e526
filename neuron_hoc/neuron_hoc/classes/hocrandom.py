"""NEURON's Random class: a generator (Random123 by default, or MCellRan4) plus the
distribution last chosen.  Picks happen in C (neuron_core's random123.c), so streams equal
NEURON's number for number and Vector.setrand fills without a Python call per element.

Random(seed, size) starts the Random123 stream with ids (seed, size, 0), as NEURON 9 does.
"""
from __future__ import annotations


import numpy as np

from neuron_core._engine import ffi, lib
from neuron_core.errors import NeuronError

from neuron_core.vector.args import chk, nargs, num
from .identity import HocIdentity

_UINT32_MAX = 4294967295.0


def _uint32(x: float) -> int:
    """C conversion of a double seed through long to a 32-bit unsigned id."""
    return int(x) & 0xFFFFFFFF


class Random(HocIdentity):
    """Random([seed[, size]]): distributions over a Random123 or MCellRan4 stream."""

    hoc_name = "Random"
    __slots__ = ("_g", "_d", "_h", "_id", "__weakref__")

    def __init__(self, *args) -> None:
        nargs(args, 0, 2, "Random")
        seed = _uint32(num(args[0], "Random")) if args else 0
        size = int(chk(args[1], 7, 98, "Random")) if len(args) > 1 else 55
        self._g = ffi.new("nrn_rng*")
        self._d = ffi.new("nrn_rand_dist*")
        self._h = ffi.new("nrn_random_handle*", (self._g, self._d))
        self._id = self._number()
        lib.nrn_rng_random123(self._g, seed, size, 0)
        lib.nrn_rand_dist_set(self._d, lib.NRN_DIST_NORMAL, 0.0, 1.0)


    @property
    def _random_handle(self):
        """What a mechanism's VERBATIM code gets from nrn_random_arg (see nrn_mech_abi.h)."""
        return self._h

    # ------------------------------------------------------------------ generators

    def Random123(self, *args) -> float:
        """Use the Random123 stream (id1, id2, id3) (missing ids are 0), at sequence 0."""
        nargs(args, 0, 3, "Random.Random123")
        ids = [int(chk(a, 0, _UINT32_MAX, "Random.Random123")) for a in args] + [0] * (3 - len(args))
        lib.nrn_rng_random123(self._g, ids[0], ids[1], ids[2])
        return 0.0

    def Random123_globalindex(self, *args) -> float:
        """Get (and with an argument set) the global index shared by all Random123 streams."""
        nargs(args, 0, 1, "Random.Random123_globalindex")
        if args:
            lib.nrnran123_set_globalindex(int(chk(args[0], 0, _UINT32_MAX, "Random.Random123_globalindex")))
        return float(lib.nrnran123_get_globalindex())

    def MCellRan4(self, *args) -> float:
        """Use MCellRan4 from index `high` (0 or missing: an index derived from the instance
        count) and optional low index; returns the starting index."""
        nargs(args, 0, 2, "Random.MCellRan4")
        high = int(chk(args[0], 0, _UINT32_MAX, "Random.MCellRan4")) if args else 0
        low = int(chk(args[1], 0, _UINT32_MAX, "Random.MCellRan4")) if len(args) > 1 else 0
        return float(lib.nrn_rng_mcellran4(self._g, high, low))

    def seq(self, *args) -> float:
        """Random123: the stream position seq*4 + which (settable); MCellRan4: the index."""
        nargs(args, 0, 1, "Random.seq")
        g = self._g
        if g.kind == lib.NRN_RNG_MCELLRAN4:
            if args:
                g.mc_high = int(num(args[0], "Random.seq")) & 0xFFFFFFFF
            return float(g.mc_high)
        if args:
            lib.nrnran123_setseq4(ffi.addressof(g, "r123"), chk(args[0], 0, 17179869183.0, "Random.seq"))
        return float(lib.nrnran123_getseq4(ffi.addressof(g, "r123")))

    # ------------------------------------------------------------------ distributions

    def _set(self, kind: int, p1: float = 0.0, p2: float = 0.0) -> float:
        lib.nrn_rand_dist_set(self._d, kind, p1, p2)
        return lib.nrn_rand_dist_pick(self._g, self._d)

    def repick(self) -> float:
        """Another value from the distribution last chosen."""
        return lib.nrn_rand_dist_pick(self._g, self._d)

    def uniform(self, low, high) -> float:
        return self._set(lib.NRN_DIST_UNIFORM, num(low, "Random.uniform"), num(high, "Random.uniform"))

    def discunif(self, low, high) -> float:
        """Integers low..high inclusive."""
        return self._set(lib.NRN_DIST_DISCUNIF, float(int(num(low, "Random.discunif"))),
                         float(int(num(high, "Random.discunif"))))

    def normal(self, mean, variance) -> float:
        return self._set(lib.NRN_DIST_NORMAL, num(mean, "Random.normal"), num(variance, "Random.normal"))

    def lognormal(self, mean, variance) -> float:
        return self._set(lib.NRN_DIST_LOGNORMAL, num(mean, "Random.lognormal"),
                         num(variance, "Random.lognormal"))

    def poisson(self, mean) -> float:
        return self._set(lib.NRN_DIST_POISSON, num(mean, "Random.poisson"))

    def binomial(self, n, p) -> float:
        return self._set(lib.NRN_DIST_BINOMIAL, float(int(chk(n, 0, 1e99, "Random.binomial"))),
                         chk(p, 0, 1, "Random.binomial"))

    def geometric(self, p) -> float:
        return self._set(lib.NRN_DIST_GEOMETRIC, chk(p, 0, 1, "Random.geometric"))

    def hypergeo(self, mean, variance) -> float:
        return self._set(lib.NRN_DIST_HYPERGEO, num(mean, "Random.hypergeo"), num(variance, "Random.hypergeo"))

    def negexp(self, mean) -> float:
        return self._set(lib.NRN_DIST_NEGEXP, num(mean, "Random.negexp"))

    def erlang(self, mean, variance) -> float:
        return self._set(lib.NRN_DIST_ERLANG, num(mean, "Random.erlang"), num(variance, "Random.erlang"))

    def weibull(self, alpha, beta) -> float:
        return self._set(lib.NRN_DIST_WEIBULL, num(alpha, "Random.weibull"), num(beta, "Random.weibull"))

    # ------------------------------------------------------------------ bulk and simulation

    def _fill(self, out: np.ndarray, add: bool) -> None:
        """out[i] = pick (or += pick) in order: Vector.setrand / addrand."""
        if len(out):
            lib.nrn_rand_dist_fill(self._g, self._d, ffi.from_buffer("double[]", out), len(out),
                                   1 if add else 0)

    def play(self, ref) -> float:
        """var = repick() at the start of every fadvance and finitialize."""
        from neuron_core import recording

        register = getattr(recording, "random_play", None)
        if register is None:
            raise NeuronError("Random.play: this engine build has no random play support")
        register(self._g, self._d, ref, self)
        return 0.0
