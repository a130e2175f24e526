"""The reader-independent description of an imported morphology."""
from __future__ import annotations

from typing import List, Optional, Tuple

Point = Tuple[float, float, float, float]     # x, y, z [um], diameter [um]

TYPE_NAMES = {1: "soma", 2: "axon", 3: "dend", 4: "apic"}
SUBSET_NAMES = {1: "somatic", 2: "axonal", 3: "basal", 4: "apical"}


class Section3d:
    """An unbranched run of points of one type; a child's points start with its parent
    point.  `first` = 1 means that copied point is not used (a connection "by wire")."""

    def __init__(self, typ: int, points: List[Point], first_point: int = 0):
        self.type = typ
        self.points = points
        self.first_point = first_point   # index of the first own point in the file
        self.parent: Optional[int] = None
        self.parentx = 1.0
        self.first = 0
        self.contour = False             # a soma outline, to be reduced to a centroid line
        self.nameindex = 0

    def used_points(self) -> List[Point]:
        return self.points[self.first:]


class Morphology:
    def __init__(self, filetype: str, header: List[str]):
        self.filetype = filetype
        self.header = header
        self.sections: List[Section3d] = []
        self.err = 0


def type_name(typ: int) -> str:
    if typ in TYPE_NAMES:
        return TYPE_NAMES[typ]
    return "minus_%d" % -typ if typ < 0 else "dend_%d" % typ


def subset_name(typ: int) -> str:
    if typ in SUBSET_NAMES:
        return SUBSET_NAMES[typ]
    return "minus_%dset" % -typ if typ < 0 else "dendritic_%d" % typ
