"""Unit expressions -> (magnitude in SI base units, dimension vector).

Used for the conversion-factor constants of a UNITS block, e.g. ``FARADAY = (faraday)
(coulomb)`` (96485.33212331001) or ``R = (k-mole) (joule/degC)`` (8.31446261815324).  The
magnitude of a unit expression is the product of its numerator factors divided by its
denominator factors, evaluated left to right in double precision like NEURON's units code.
"""
from __future__ import annotations

import re
from typing import Dict, Optional, Tuple

from .units_db import PREFIXES, PRIMITIVES, UNITS

Dim = Tuple[int, ...]
_NDIM = len(PRIMITIVES)
_ONE: Dim = (0,) * _NDIM
_NUMBER = re.compile(r"(\d+\.?\d*|\.\d+)(?:[eE]?([+-]?\d+))?(?:\|(\d+\.?\d*|\.\d+)(?:[eE]?([+-]?\d+))?)?")


class UnitError(ValueError):
    pass


def _num(mant: str, exp: Optional[str]) -> float:
    return float(mant + ("e" + exp if exp else ""))


class UnitTable:
    """The database plus the aliases `(name) = (definition)` of one UNITS block."""

    def __init__(self):
        self.aliases: Dict[str, str] = {}
        self._cache: Dict[str, Tuple[float, Dim]] = {}

    def define(self, name: str, definition: str) -> None:
        self.aliases[name] = definition
        self._cache.clear()

    # ------------------------------------------------------------------ evaluation

    def evaluate(self, expr: str, depth: int = 0) -> Tuple[float, Dim]:
        """Magnitude and dimensions of a unit expression such as 'mA/cm2' or 'k-mole'."""
        if depth > 50:
            raise UnitError("units defined in terms of themselves: %s" % expr)
        value = 1.0
        dims = list(_ONE)
        divide = False
        i, n = 0, len(expr)
        while i < n:
            c = expr[i]
            if c in " \t-*":
                i += 1
                continue
            if c == "/":
                divide = True
                i += 1
                continue
            m = _NUMBER.match(expr, i)
            if m and (c.isdigit() or c == "."):
                x = _num(m.group(1), m.group(2))
                if m.group(3):
                    x = x / _num(m.group(3), m.group(4))
                value = value / x if divide else value * x
                i = m.end()
                continue
            if c == "(" or c == ")":
                i += 1
                continue
            j = i
            while j < n and (expr[j].isalpha() or expr[j] in "_$%"):
                j += 1
            if j == i:
                raise UnitError("cannot read units '%s'" % expr)
            name = expr[i:j]
            k = j
            while k < n and expr[k].isdigit():
                k += 1
            power = int(expr[j:k]) if k > j else 1
            fv, fd = self.lookup(name, depth + 1)
            for _ in range(power):
                if divide:
                    value /= fv
                else:
                    value *= fv
            sign = -power if divide else power
            dims = [a + sign * b for a, b in zip(dims, fd)]
            i = k
        return value, tuple(dims)

    def lookup(self, name: str, depth: int = 0) -> Tuple[float, Dim]:
        hit = self._cache.get(name)
        if hit is not None:
            return hit
        r = self._lookup(name, depth)
        if r is None:
            raise UnitError("unknown unit '%s'" % name)
        self._cache[name] = r
        return r

    def _exact(self, name: str, depth: int) -> Optional[Tuple[float, Dim]]:
        if name in self.aliases:
            return self.evaluate(self.aliases[name], depth)
        if name in PRIMITIVES:
            d = [0] * _NDIM
            d[PRIMITIVES.index(name)] = 1
            return 1.0, tuple(d)
        if name in UNITS:
            return self.evaluate(UNITS[name], depth)
        if name in PREFIXES:
            return self.evaluate(PREFIXES[name], depth)
        return None

    def _lookup(self, name: str, depth: int) -> Optional[Tuple[float, Dim]]:
        r = self._exact(name, depth)
        if r is not None:
            return r
        for cut in ("s", "es"):
            if name.endswith(cut) and len(name) > len(cut):
                r = self._exact(name[: -len(cut)], depth)
                if r is not None:
                    return r
        for plen in range(len(name) - 1, 0, -1):
            p = name[:plen]
            if p in PREFIXES:
                try:
                    rest = self.lookup(name[plen:], depth + 1)
                except UnitError:
                    continue
                pv, pd = self.evaluate(PREFIXES[p], depth + 1)
                return pv * rest[0], rest[1]
        return None

    def factor(self, u1: str, u2: Optional[str]) -> float:
        """Conversion factor from u1 to u2 (u2 None: magnitude of u1)."""
        v1, d1 = self.evaluate(u1)
        if u2 is None:
            return v1
        v2, d2 = self.evaluate(u2)
        if d1 != d2:
            raise UnitError("units not conformable: (%s) and (%s)" % (u1, u2))
        return v1 / v2
