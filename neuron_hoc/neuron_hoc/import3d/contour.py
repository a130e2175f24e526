"""A soma outline (Neurolucida contour) reduced to a line of points with diameters, as
NEURON's Import3d does: the principal axis of the outline carries 21 points; each diameter
is the outline's width across that axis (the two end diameters averaged with their
neighbours, so that they are not zero)."""
from __future__ import annotations

from typing import List

import numpy as np

from .section import Point


def _monotone(d: np.ndarray, r: np.ndarray):
    """Drop points (from the end) that do not increase along the axis."""
    d, r = list(d), list(r)
    for j in range(len(d) - 1, 0, -1):
        if d[j] <= d[j - 1]:
            del d[j]
            del r[j]
    return np.array(d), np.array(r)


def resample(xyz: np.ndarray) -> np.ndarray:
    """101 points evenly spaced along the outline from its first to its last point, with
    the spacing measured in the xy plane (as NEURON's contourcenter)."""
    closed = np.vstack([xyz[:, :2], xyz[:1, :2]])
    steps = np.sqrt((np.diff(closed, axis=0) ** 2).sum(axis=1))
    perim = np.concatenate([[0.0], np.cumsum(steps[:-1])])
    grid = perim[-1] / 100.0 * np.arange(101)
    return np.column_stack([np.interp(grid, perim, xyz[:, k]) for k in range(3)])


def contour_to_centroid(points: List[Point]) -> List[Point]:
    xyz = np.array([p[:3] for p in points], dtype=float)
    if len(xyz) < 3:
        return list(points)
    xyz = resample(xyz)
    mean = xyz.mean(axis=0)
    pts = xyz - mean
    m = pts.T @ pts
    vals, vecs = np.linalg.eigh(m)
    imax, imin = int(np.argmax(vals)), int(np.argmin(vals))
    major = vecs[:, imax]
    minor = vecs[:, 3 - imax - imin].copy()
    minor[2] = 0.0
    norm = np.linalg.norm(minor)
    if norm == 0:
        return list(points)
    minor /= norm
    d = pts @ major
    rad = pts @ minor
    k = int(np.argmax(d))
    d = np.roll(d, -k)
    rad = np.roll(rad, -k)
    k = int(np.argmin(d))
    side2, rad2 = d[k:], rad[k:]
    d, rad = d[:k][::-1], rad[:k][::-1]
    d, rad = _monotone(d, rad)
    side2, rad2 = _monotone(side2, rad2)
    if len(d) < 2 or len(side2) < 2:
        return list(points)
    allx = np.sort(np.concatenate([d, side2]))
    lo, hi = allx[1], allx[-2]
    grid = lo + (hi - lo) / 20.0 * np.arange(21)
    r1 = np.interp(grid, d, rad)
    r2 = np.interp(grid, side2, rad2)
    diam = np.abs(r1 - r2)
    diam[0] = (diam[0] + diam[1]) / 2
    diam[-1] = (diam[-1] + diam[-2]) / 2
    line = mean + np.outer(grid, major)
    return [(float(a), float(b), float(c), float(e)) for (a, b, c), e in zip(line, diam)]
