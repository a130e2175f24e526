"""The 3-D points rxd measures a section by.

NEURON's rxd calls `h.define_shape()` when it instantiates a model (the engine's define_shape
gives NEURON's points to the bit); from then on every section has points.  `shape_points`
also answers for a section without points, with the points define_shape would give it.
"""
from __future__ import annotations

from typing import Tuple

import numpy


def shape_points(sec) -> Tuple[numpy.ndarray, numpy.ndarray]:
    """(arc length, diameter) of a section's 3-D points; the points define_shape would
    create when it has none (diameters in arc order, float32 as stored)."""
    n = sec.n3d()
    if n:
        return (numpy.array([sec.arc3d(i) for i in range(n)]),
                numpy.array([sec.diam3d(i) for i in range(n)]))
    nseg = sec.nseg
    L = sec.L
    diams = [sec((j + 0.5) / nseg).diam for j in range(nseg)]
    arc = [0.0] + [(j + 0.5) / nseg * L for j in range(nseg)] + [L]
    return numpy.array(arc), numpy.array([diams[0]] + diams + [diams[-1]], dtype=numpy.float32).astype(float)
