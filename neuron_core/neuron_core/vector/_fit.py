"""Vector.fit: NEURON's simplex search minimising the mean squared error of a function.

The search is deterministic; reproducing NEURON's sequence of trial points (initial simplex
scaled by 1.2 along each axis, reflection/expansion/contraction factors 2.0, 1.4, 0.7, 0.3,
restart while the best value keeps being re-found) gives the same parameters and error.
"""
from __future__ import annotations

import math
from typing import Callable, List

import numpy as np

from ..errors import NeuronError
from ._arith import _as_float, _callable_for
from ._storage import vec_arg

_MAXN = 1e300
_INORM = 1.2
_FACTORS = (2.0, 1.4, 0.7, 0.3)
MAX_PARAMS = 20


def _hexp(x: float) -> float:
    if x < -700.0:
        return 0.0
    if x > 700.0:
        return math.exp(700.0)
    return math.exp(x)


def _model(name: str, n: int) -> Callable:
    """The built-in fit functions as f(x, p) -> y, or None for a user function."""
    need = {"exp2": 4, "charging": 4, "exp1": 2, "line": 2, "quad": 3}.get(name)
    if need is None:
        return None
    if n < need:
        raise NeuronError('Vector.fit("%s") requires %d parameters' % (name, need))
    if name == "exp2":
        return lambda t, p: p[0] * _hexp(-t / p[1]) + p[2] * _hexp(-t / p[3])
    if name == "charging":
        return lambda t, p: p[0] * (1 - _hexp(-t / p[1])) + p[2] * (1 - _hexp(-t / p[3]))
    if name == "exp1":
        return lambda t, p: p[0] * _hexp(-t / p[1])
    if name == "line":
        return lambda t, p: p[0] * t + p[1]
    return lambda t, p: p[0] * t * t + p[1] * t + p[2]


class _Search:
    """State shared by the restarts of the simplex (NEURON keeps it in statics)."""

    def __init__(self, err: Callable[[List[float]], float], n: int):
        self.err = err
        self.n = n
        self.best = _MAXN
        self.renew = 0

    def eval_error(self, p: List[float]) -> float:
        value = self.err(p)
        if self.renew > 3 * (self.n + 1):
            return self.best if value == self.best else _MAXN
        if self.best > value:
            self.best = value
        return value

    def simplex(self, p: List[float]) -> float:
        n = self.n
        vortex = [[p[j] * (_INORM if i == j else 1.0) for j in range(n)] for i in range(n + 1)]
        evortex = [self.eval_error(v) for v in vortex]
        while True:
            emax = evortex[0]
            emaxp = 0
            for i in range(n + 1):
                if evortex[i] > emax:
                    emax = evortex[i]
                    emaxp = i
            g = [0.0] * n
            for i in range(n + 1):
                for j in range(n):
                    g[j] += vortex[i][j]
            g = [(g[j] - vortex[emaxp][j]) / n for j in range(n)]
            worst = vortex[emaxp]
            for f in _FACTORS:
                trial = [(1.0 - f) * worst[j] + f * g[j] for j in range(n)]
                fv = self.eval_error(trial)
                if fv < evortex[emaxp]:
                    if self.best == fv:
                        self.renew += 1
                    vortex[emaxp] = trial
                    evortex[emaxp] = fv
                    break
            else:
                emin = evortex[0]
                eminp = 0
                for i in range(n + 1):
                    if evortex[i] < emin:
                        emin = evortex[i]
                        eminp = i
                p[:] = vortex[eminp]
                return emin


def fit(data, fitted, fcn, indep, pointers: tuple) -> float:
    """data.fit(fitted, "fcn" | callable, indep, p1, ... pN): returns the mean squared error,
    stores the best parameters through the pointers and the fitted curve in `fitted`."""
    y = data._view().copy()
    fv = vec_arg(fitted, "Vector.fit")
    x = vec_arg(indep, "Vector.fit")._view().copy()
    if len(x) != len(y):
        raise NeuronError("Vector.fit: indep argument wrong size")
    if len(pointers) >= MAX_PARAMS - 3:
        raise NeuronError("Vector.fit: too many parameters")
    n = len(pointers)
    if n == 0:
        raise NeuronError("Vector.fit: no parameters to fit")
    if fv._s.size != len(y):
        fv._resize(len(y))
    name = fcn if isinstance(fcn, str) else None
    model = _model(name, n) if name is not None else None
    if model is None:
        user = _callable_for(fcn, "Vector.fit")
        model = lambda t, p: _as_float(user(t, *p), "Vector.fit")  # noqa: E731
    xs, ys = x.tolist(), y.tolist()
    size = len(xs)

    def err(p: List[float]) -> float:
        sq = 0.0
        for t, yy in zip(xs, ys):
            d = model(t, p) - yy
            sq += d * d
        return sq / size

    p = [float(ptr[0]) for ptr in pointers]
    search = _Search(err, n)
    while True:
        search.renew = 0
        search.best = _MAXN
        result = search.simplex(p)
        if not search.renew or search.best <= result:
            break
    for ptr, value in zip(pointers, p):
        ptr[0] = value
    fv._arr[: len(xs)] = np.array([model(t, p) for t in xs], dtype=float)
    return result
