"""Histograms and Gaussian-smoothed histograms."""
from __future__ import annotations

import math

import numpy as np

from ..errors import NeuronError
from .args import chk, nargs, num
from ._arith import libm
from ._fft import convlv, next_pow2
from ._storage import vec_arg


def _bin_counts(x: np.ndarray, low: float, width: float, offset: int, nbins: int) -> np.ndarray:
    """Counts of floor((x - low) / width) + offset in 0..nbins-1."""
    with np.errstate(invalid="ignore"):
        k = np.floor((x - low) / width)
    k = k[np.isfinite(k)]
    k = k[(k + offset >= 0) & (k + offset < nbins)].astype(np.int64) + offset
    return np.bincount(k, minlength=nbins).astype(float)[:nbins]


def _hoc_exp(x: float) -> float:
    """HOC's exp: 0 below -700, exp(700) above 700."""
    if x < -700.0:
        return 0.0
    if x > 700.0:
        return math.exp(700.0)
    return math.exp(x)


class HistogramMixin:
    __slots__ = ()

    def histogram(self, low, high, width) -> "HistogramMixin":
        """New Vector: element 0 counts values just below `low`, element i values in
        [low + (i-1)*width, low + i*width)."""
        lo = num(low, "Vector.histogram")
        hi = chk(high, lo, 1e99, "Vector.histogram")
        w = chk(width, 0, hi - lo, "Vector.histogram")
        if w == 0.0:
            raise NeuronError("Vector.histogram: width must be positive")
        nbins = int(math.floor((hi - lo) / w)) + 2
        return self._new_like(_bin_counts(self._view(), lo, w, 1, nbins))

    def hist(self, data, start, size, step) -> "HistogramMixin":
        """self = counts of data in `size` bins of `step` from `start`."""
        d = vec_arg(data, "Vector.hist")
        if d is self:
            raise NeuronError("Vector.hist: argument needs to be copied first")
        lo = num(start, "Vector.hist")
        n = int(num(size, "Vector.hist"))
        w = chk(step, 1e-99, 1e99, "Vector.hist")
        self._set_data(_bin_counts(d._view(), lo, w, 0, max(n, 0)))
        return self

    def sumgauss(self, low, high, step, var, *args) -> "HistogramMixin":
        """New Vector: sum of unit-area Gaussians (variance var) centred on the elements,
        sampled every `step` from `low` (optionally weighted)."""
        nargs(args, 0, 1, "Vector.sumgauss")
        lo = num(low, "Vector.sumgauss")
        hi = chk(high, lo, 1e99, "Vector.sumgauss")
        st = chk(step, 1e-99, 1e99, "Vector.sumgauss")
        va = chk(var, 0, 1e99, "Vector.sumgauss")
        x = self._view()
        w = vec_arg(args[0], "Vector.sumgauss")._view() if args else np.ones(len(x))
        if len(w) < len(x):
            raise NeuronError("Vector.sumgauss: weight Vector too small")
        points = int((hi - lo) / st + 0.5)
        svar = va / (st * st)
        scale = 1.0 / math.sqrt(2.0 * math.pi * va)
        out = np.zeros(points)
        j = np.arange(points, dtype=float)
        for xi, wi in zip(x.tolist(), w.tolist()):
            xv = float(int((xi - lo) / st))
            arg = -(j - xv) * (j - xv) / (2.0 * svar)
            keep = arg > -20.0
            out[keep] += libm(_hoc_exp, arg[keep]) * scale * wi
        return self._new_like(out)

    def smhist(self, data, start, size, step, var, *args) -> "HistogramMixin":
        """self = histogram of data convolved with a Gaussian of variance var."""
        nargs(args, 0, 1, "Vector.smhist")
        d = vec_arg(data, "Vector.smhist")._view().copy()
        lo = num(start, "Vector.smhist")
        nout = int(num(size, "Vector.smhist"))
        st = chk(step, 1e-99, 1e99, "Vector.smhist")
        va = chk(var, 0, 1e99, "Vector.smhist")
        w = None
        if args:
            w = vec_arg(args[0], "Vector.smhist")._view()
            if len(w) != len(d):
                raise NeuronError("Vector.smhist: weight Vector must be same size as source Vector")
        svar = 2 * va / (st * st)
        scale = 1 / math.sqrt(2.0 * math.pi * va)
        g2 = int(math.sqrt(10 * svar))
        g = g2 * 2 + 1
        n = next_pow2(nout + g)
        gauss = np.zeros(n)
        i = np.arange(g2 + 1, dtype=float)
        vals = libm(_hoc_exp, -i * i / svar) * scale
        gauss[: g2 + 1] = vals
        gauss[g - g2 : g] = vals[1:][::-1]
        series = np.zeros(n)
        high = lo + n * st
        inside = (d >= lo) & (d < high)
        k = ((d[inside] - lo) / st).astype(np.int64)
        weights = w[inside] if w is not None else np.ones(len(k))
        for kk, ww in zip(k.tolist(), weights.tolist()):
            series[kk] += ww
        ans = convlv(series, gauss, g, 1)
        out = np.where(ans[:nout] > 1e-9, ans[:nout], 0.0) if nout > 0 else np.zeros(0)
        self._set_data(out)
        return self
