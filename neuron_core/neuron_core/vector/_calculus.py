"""Derivative, integral, interpolation and signal-shaping methods."""
from __future__ import annotations

import numpy as np

from ..errors import NeuronError
from .args import chk, nargs, num
from ._storage import VectorStorage, vec_arg


def _src(self, args: tuple):
    """(source values, remaining args) for the vdest.f(vsrc, ...) / vsrcdest.f(...) forms."""
    if args and isinstance(args[0], VectorStorage):
        return args[0]._view().copy(), args[1:]
    return self._view().copy(), args


def interpolate_sorted(xd: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """NEURON's interpolation when xs is strictly increasing and xd non-decreasing."""
    ns = len(xs)
    out = np.empty(len(xd))
    before = xd <= xs[0]
    after = xd > xs[ns - 1]
    out[before] = ys[0]
    out[after] = ys[ns - 1]
    mid = ~(before | after)
    if np.any(mid):
        x = xd[mid]
        k = np.searchsorted(xs, x, side="left")
        x0, x1 = xs[k - 1], xs[k]
        thet = (x - x0) / (x1 - x0)
        out[mid] = (1.0 - thet) * ys[k - 1] + thet * ys[k]
    return out


def interpolate_merge(xd: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """NEURON's single-pass merge, for any ordering of xd and xs (repeated xs are skipped)."""
    nd, ns = len(xd), len(xs)
    out = np.empty(nd)
    xdl, xsl, ysl = xd.tolist(), xs.tolist(), ys.tolist()
    i = 0
    while i < nd and xdl[i] <= xsl[0]:
        out[i] = ysl[0]
        i += 1
    k = 1
    while k < ns and i < nd:
        if xsl[k] > xsl[k - 1]:
            while xdl[i] <= xsl[k]:
                thet = (xdl[i] - xsl[k - 1]) / (xsl[k] - xsl[k - 1])
                out[i] = (1.0 - thet) * ysl[k - 1] + thet * ysl[k]
                i += 1
                if i >= nd:
                    break
        k += 1
    out[i:] = ysl[ns - 1]
    return out


class CalculusMixin:
    __slots__ = ()

    def deriv(self, *args) -> "CalculusMixin":
        """Central differences (method 2, default; one-sided at the ends) or Euler forward
        differences (method 1, one element shorter)."""
        x, rest = _src(self, args)
        nargs(rest, 0, 2, "Vector.deriv")
        n = len(x)
        if n < 2:
            raise NeuronError("Vector.deriv: can't take derivative of Vector with less than two points")
        dx = num(rest[0], "Vector.deriv") if rest else 1.0
        method = int(chk(rest[1], 1, 2, "Vector.deriv")) if len(rest) > 1 else 2
        if method == 2:
            out = np.empty(n)
            out[0] = (x[1] - x[0]) / dx
            out[n - 1] = (x[n - 1] - x[n - 2]) / dx
            out[1 : n - 1] = (x[2:] - x[: n - 2]) / (dx * 2)
        else:
            out = (x[1:] - x[:-1]) / dx
        self._set_data(out)
        return self

    def integral(self, *args) -> "CalculusMixin":
        """Running sum: out[0] = src[0], out[i] = out[i-1] + src[i]*dx."""
        x, rest = _src(self, args)
        nargs(rest, 0, 1, "Vector.integral")
        if len(x) == 0:
            raise NeuronError("Vector.integral: empty Vector")
        dx = num(rest[0], "Vector.integral") if rest else 1.0
        terms = x * dx
        terms[0] = x[0]
        self._set_data(np.cumsum(terms))
        return self

    def interpolate(self, xdest, xsrc, *args) -> "CalculusMixin":
        """ydest at xdest, linearly interpolated from (xsrc, ysrc); ysrc defaults to self.
        Points outside the xsrc range get the first or last ysrc value."""
        nargs(args, 0, 1, "Vector.interpolate")
        xd = vec_arg(xdest, "Vector.interpolate")._view().copy()
        xs = vec_arg(xsrc, "Vector.interpolate")._view().copy()
        ys = vec_arg(args[0], "Vector.interpolate")._view().copy() if args else self._view().copy()
        if len(xs) == 0 or len(ys) < len(xs):
            raise NeuronError("Vector.interpolate: source Vectors too small")
        if len(xs) == 1 or (np.all(np.diff(xs) > 0) and np.all(np.diff(xd) >= 0)):
            out = interpolate_sorted(xd, xs, ys) if len(xs) > 1 else np.full(len(xd), ys[0])
        else:
            out = interpolate_merge(xd, xs, ys)
        self._set_data(out)
        return self

    def medfltr(self, *args) -> "CalculusMixin":
        """Median of the window [i - points, i + points) clipped to the Vector (upper median)."""
        x, rest = _src(self, args)
        nargs(rest, 0, 1, "Vector.medfltr")
        n = len(x)
        p = int(chk(rest[0], 1, n // 2, "Vector.medfltr")) if rest else 3
        out = np.empty(n)
        lo_end = min(p, n)
        hi_start = max(n - p, lo_end)
        for i in list(range(lo_end)) + list(range(hi_start, n)):
            w0 = i - p if i >= p else 0
            w1 = i + p if i < n - p else n - 1
            window = np.sort(x[w0:w1])
            out[i] = window[(w1 - w0) // 2] if w1 > w0 else x[w0]
        if hi_start > lo_end:
            windows = np.lib.stride_tricks.sliding_window_view(x, 2 * p)[lo_end - p : hi_start - p]
            out[lo_end:hi_start] = np.partition(windows, p, axis=1)[:, p]
        self._set_data(out)
        return self

    def spikebin(self, data, thresh, *args) -> "CalculusMixin":
        """1 at each bin where the data first reach thresh, 0 elsewhere."""
        nargs(args, 0, 1, "Vector.spikebin")
        d = vec_arg(data, "Vector.spikebin")._view()
        th = num(thresh, "Vector.spikebin")
        b = int(chk(args[0], 0, 1e6, "Vector.spikebin")) if args else 1
        if b == 0:
            raise NeuronError("Vector.spikebin: bin must be positive")
        n = len(d) // b
        out = np.zeros(n)
        above = d[: n * b] >= th
        firing = False
        for k, up in enumerate(above.tolist()):
            if up and not firing:
                firing = True
                out[k // b] = 1.0
            elif firing and not up:
                firing = False
        self._set_data(out)
        return self

    def inf(self, stim, dt, gl, el, cm, th, res, *args) -> "CalculusMixin":
        """Leaky integrate-and-fire driven by `stim` (forward Euler), as NEURON's Vector.inf."""
        nargs(args, 0, 1, "Vector.inf")
        i_in = vec_arg(stim, "Vector.inf")._view().tolist()
        n = len(i_in)
        h = chk(dt, 1e-99, 9e99, "Vector.inf")
        g = num(gl, "Vector.inf")
        e = num(el, "Vector.inf")
        c = num(cm, "Vector.inf") / h
        threshold = num(th, "Vector.inf")
        reset = num(res, "Vector.inf")
        refp = num(args[0], "Vector.inf") if args else 0.0
        out = [0.0] * n
        if n:
            out[0] = e
        ref = 0.0
        t = 0
        while t < n - 1:
            cur = -g * (out[t] - e) + i_in[t]
            v = out[t] + cur / c
            if v >= threshold and ref <= 0:
                out[t + 1] = 0.0
                t += 1
                if t + 1 >= n:
                    raise NeuronError("Vector.inf: spike at the last point leaves no room for the reset")
                out[t + 1] = reset
                ref = refp
            else:
                ref = ref - h
                out[t + 1] = v
            t += 1
        self._set_data(np.array(out, dtype=float))
        return self

    def psth(self, src, dt, trials, size) -> "CalculusMixin":
        """Mean frequency (Hz) in an adaptive window holding at least `size` events per bin."""
        x = vec_arg(src, "Vector.psth")._view().tolist()
        n = len(x)
        h = chk(dt, 0, 9e99, "Vector.psth")
        tr = chk(trials, 0, 9e99, "Vector.psth")
        need = chk(size, 0, n / 2, "Vector.psth")
        out = [0.0] * n
        for i in range(n):
            fj = bj = 0
            acc = x[i]
            while acc < need:
                moved = False
                if i + fj < n - 1:
                    fj += 1
                    acc += x[i + fj]
                    moved = True
                if i - bj > 0 and acc < need:
                    bj += 1
                    acc += x[i - bj]
                    moved = True
                if not moved:
                    raise NeuronError("Vector.psth: fewer than %g events in the whole histogram" % need)
            out[i] = acc / tr * 1000.0 / ((fj + bj + 1) * h)
        self._set_data(np.array(out, dtype=float))
        return self
