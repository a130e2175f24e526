"""setSpineArea(a) / getSpineArea(): the area (um2) of an average spine, added to a segment for
every 3-D point with a negative diameter in it (NEURON's spine3d points).

As in NEURON the value takes effect at the next geometry computation (the build passes it to
geometry.from_points, after a change of nseg, points, L, diam...), so areas and every
coefficient derived from them include the spines.
"""
from __future__ import annotations

from .model import model


def setSpineArea(area) -> float:
    model.spine_area = float(area)   # NEURON 9 recomputes nothing until the next change
    return model.spine_area


def getSpineArea() -> float:
    return model.spine_area
