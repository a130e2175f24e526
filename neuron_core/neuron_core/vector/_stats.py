"""Reductions: sums, moments, extremes, products, errors.

NEURON accumulates left to right from 0.0 (std::accumulate); numpy's pairwise `sum` rounds
differently, so sums here run the sequential C loop of `vecops.c`.
"""
from __future__ import annotations

import math

import numpy as np

from .._engine import ffi, lib
from ..errors import NeuronError
from .args import chk, index_range, nargs
from ._order import sorted_copy
from ._storage import vec_arg

_csum = lib.nrn_vecops_sum
_from_buffer = ffi.from_buffer
_contiguous = np.ascontiguousarray


def seqsum(x: np.ndarray) -> float:
    """0.0 + x[0] + x[1] + ..., rounded exactly as NEURON's C++ loop rounds it."""
    n = len(x)
    if n == 0:
        return 0.0
    return _csum(_from_buffer("double[]", _contiguous(x, dtype=float)), n)


def seqvar(x: np.ndarray) -> float:
    """Sample variance (n - 1) as NEURON computes it: mean first, then squared deviations."""
    n = len(x)
    m = seqsum(x) / n
    d = x - m
    return seqsum(d * d) / (n - 1)


class StatsMixin:
    __slots__ = ()

    def _range(self, args: tuple, what: str) -> np.ndarray:
        nargs(args, 0, 2, what)
        if not args:
            return self._view()
        s, e = index_range(args, 0, self._s.size - 1, what)
        return self._arr[s : e + 1]

    def sum(self, *args) -> float:
        if not args:
            n = self._s.size
            return _csum(self._ptr(), n) if n else 0.0
        return seqsum(self._range(args, "Vector.sum"))

    def sumsq(self, *args) -> float:
        x = self._range(args, "Vector.sumsq")
        return seqsum(x * x)

    def mean(self, *args) -> float:
        nargs(args, 0, 2, "Vector.mean")
        if args:
            s, e = index_range(args, 0, self._s.size - 1, "Vector.mean")
            if e - s < 1:
                raise NeuronError("Vector.mean: end - start must be > 0")
            # NEURON 9.0.2 evaluates sum / end - start + 1 for a sub-range
            return seqsum(self._arr[s : e + 1]) / e - s + 1
        if self._s.size < 1:
            raise NeuronError("Vector.mean: Vector must have size > 0")
        return seqsum(self._view()) / self._s.size

    def _var_range(self, args: tuple, what: str) -> np.ndarray:
        nargs(args, 0, 2, what)
        if args:
            s, e = index_range(args, 0, self._s.size - 1, what)
            if e - s < 1:
                raise NeuronError("%s: end - start must be > 1" % what)
            return self._arr[s : e + 1]
        if self._s.size < 2:
            raise NeuronError("%s: Vector must have size > 1" % what)
        return self._view()

    def var(self, *args) -> float:
        return seqvar(self._var_range(args, "Vector.var"))

    def stdev(self, *args) -> float:
        return math.sqrt(seqvar(self._var_range(args, "Vector.stdev")))

    def stderr(self, *args) -> float:
        x = self._var_range(args, "Vector.stderr")
        return math.sqrt(seqvar(x)) / math.sqrt(float(len(x)))

    def min(self, *args) -> float:
        if self._s.size == 0:
            return 0.0
        return float(self._range(args, "Vector.min").min())

    def max(self, *args) -> float:
        if self._s.size == 0:
            return 0.0
        return float(self._range(args, "Vector.max").max())

    def min_ind(self, *args):
        """Index of the first smallest element (-1.0 for an empty Vector, as NEURON)."""
        if self._s.size == 0:
            return -1.0
        nargs(args, 0, 2, "Vector.min_ind")
        s, _ = index_range(args, 0, self._s.size - 1, "Vector.min_ind")
        return s + int(np.argmin(self._range(args, "Vector.min_ind")))

    def max_ind(self, *args):
        if self._s.size == 0:
            return -1.0
        nargs(args, 0, 2, "Vector.max_ind")
        s, _ = index_range(args, 0, self._s.size - 1, "Vector.max_ind")
        return s + int(np.argmax(self._range(args, "Vector.max_ind")))

    def median(self) -> float:
        n = self._s.size
        if n == 0:
            raise NeuronError("Vector.median: Vector must have size > 0")
        x = sorted_copy(self._view())
        h = n // 2
        if 2 * h == n:
            return (float(x[h - 1]) + float(x[h])) / 2.0
        return float(x[h])

    def dot(self, other) -> float:
        y = vec_arg(other, "Vector.dot")
        n = self._s.size
        if y._s.size < n:
            raise NeuronError("Vector.dot: Vector argument too small")
        return seqsum(self._view() * y._arr[:n])

    def mag(self) -> float:
        x = self._view()
        return math.sqrt(seqsum(x * x))

    def meansqerr(self, other, *args) -> float:
        """Mean of (self - other)^2 (times weights when given) over self's size."""
        nargs(args, 0, 1, "Vector.meansqerr")
        y = vec_arg(other, "Vector.meansqerr")
        n = self._s.size
        if n == 0 or n > y._s.size:
            raise NeuronError("Vector.meansqerr: Vector argument too small")
        d = self._view() - y._arr[:n]
        sq = d * d
        if args:
            w = vec_arg(args[0], "Vector.meansqerr")
            if n > w._s.size:
                raise NeuronError("Vector.meansqerr: second Vector size too small")
            sq = sq * w._arr[:n]
        return seqsum(sq) / n

    def trigavg(self, data, trigger, pre, post) -> float:
        """Average of data windows [t - pre, t + post) around trigger indices; returns count."""
        d = vec_arg(data, "Vector.trigavg")._view()
        trig = vec_arg(trigger, "Vector.trigavg")._view()
        n = len(d)
        npre = int(chk(pre, 0, n - 1, "Vector.trigavg"))
        npost = int(chk(post, 0, n - 1, "Vector.trigavg"))
        m = npre + npost
        avg = np.zeros(m)
        count = 0
        for t in trig.tolist():
            tr = int(t)
            if npre <= tr < n - npost:
                count += 1
                avg += d[tr - npre : tr + npost]
        with np.errstate(divide="ignore", invalid="ignore"):
            avg /= count
        self._set_data(avg)
        return float(count)
