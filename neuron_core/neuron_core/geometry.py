"""Segment areas and axial resistances from a section's geometry, as NEURON computes them.

Nodes are numbered from the section's attachment end.  For every segment node k the area
(um2) and the conductance RINV (uS) to the previous node (the parent's attachment node for
k = 0) are computed; the section's last node is the zero-area end node (area stored as 100)
connected through the last half segment.
"""
from __future__ import annotations

import math
from typing import Optional, Tuple

import numpy as np

from .errors import NeuronError

PI = math.pi


def stylized(L: float, Ra: float, diam: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Cylinders of length L/nseg: returns (area[nseg], rinv[nseg+1])."""
    n = len(diam)
    if np.any(diam <= 0.0):
        raise NeuronError("diameter diam = 0. Setting to 1e-6")
    dx = L / n
    area = PI * diam * dx                                  # um2
    rhalf = 1e-2 * Ra * (dx / 2.0) / (PI * diam * diam / 4.0)  # MOhm
    rinv = np.empty(n + 1)
    rinv[0] = 1.0 / rhalf[0]
    if n > 1:
        rinv[1:n] = 1.0 / (rhalf[1:] + rhalf[:-1])
    rinv[n] = 1.0 / rhalf[n - 1]
    return area, rinv


def pt3d_arc(pts: np.ndarray) -> np.ndarray:
    """Arc length of each 3-D point: differences in single precision, sums in double."""
    n = len(pts)
    arc = np.zeros(n)
    if n > 1:
        d = (pts[1:, :3] - pts[:-1, :3]).astype(np.float64)  # float32 differences
        arc[1:] = np.cumsum(np.sqrt((d * d).sum(axis=1)))
    return arc


def from_points(pts: np.ndarray, arc: np.ndarray, nseg: int, Ra: float,
                spine_area: float = 0.0) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Trapezoidal integration over piecewise-linear 3-D points.

    Returns (diam[nseg], area[nseg], rinv[nseg+1]).  Each segment is split into halves;
    resistance accumulates dx/(d1*d2) * 4*0.01*Ra/pi, lateral frustum area
    (d1+d2)*sqrt(dx^2 + ((d2-d1)/2)^2) * pi/2, diameter is the length-weighted mean.
    """
    npt = len(pts)
    d3 = np.abs(pts[:, 3].astype(np.float64))
    L = arc[npt - 1]
    ds = L / nseg
    diam = np.zeros(nseg)
    area = np.zeros(nseg)
    rinv = np.zeros(nseg + 1)
    spine = pts[:, 3] < 0
    j = 0
    x1 = arc[0]
    y1 = d3[0]
    rparent = 0.0
    for inode in range(nseg):
        si = inode * ds
        dsum = 0.0
        asum = 0.0
        nspine = 0
        rleft = 0.0
        ri = 0.0
        for ihalf in range(2):
            ri = 0.0
            sip = si + ds / 2.0
            while True:
                jp = j + 1
                xj = arc[j]
                if spine[j] and si <= xj < sip:
                    nspine += 1
                xjp = arc[jp]
                if xjp > sip or jp == npt - 1:
                    frac = 1.0 if abs(xjp - xj) < 1e-10 else (sip - xj) / (xjp - xj)
                    x2 = sip
                    y2 = (1.0 - frac) * d3[j] + frac * d3[jp]
                    jnext = j
                else:
                    x2 = xjp
                    y2 = d3[jp]
                    jnext = jp
                delta = x2 - x1
                dsum += (y2 + y1) * delta
                if delta < 1e-15:
                    delta = 1e-15
                temp = y2 * y1 / delta
                if temp == 0:
                    temp = 1e-15
                ri += 1.0 / temp
                half = 0.5 * (y2 - y1)
                asum += (y2 + y1) * math.sqrt(delta * delta + half * half)
                x1, y1 = x2, y2
                if j == jnext:
                    break
                j = jnext
            # NEURON's operation order, so results agree to the last bit
            if ihalf == 0:
                rleft = ri * Ra / PI * (4.0 * 0.01)
            else:
                ri = ri * Ra / PI * (4.0 * 0.01)
            si = sip
        rinv[inode] = 1.0 / (rparent + rleft)
        diam[inode] = dsum * (0.5 / ds)
        if inode == nseg - 1 and spine[npt - 1]:
            nspine += 1
        area[inode] = asum * 0.5 * PI + nspine * spine_area
        rparent = ri
    rinv[nseg] = 1.0 / rparent
    return diam, area, rinv


def check_positive(name: str, value: float, lo: float, hi: Optional[float] = None) -> float:
    value = float(value)
    if not (value >= lo) or (hi is not None and value > hi):
        raise NeuronError("%s = %g out of range [%g, %g]" % (name, value, lo, hi if hi else float("inf")))
    return value
