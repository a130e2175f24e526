"""Local variable step: which cell owns each recorded or played variable and each threshold
source (the cell whose node or mechanism instance holds the address)."""
from __future__ import annotations

from typing import List, Tuple

import numpy as np

from ..engine import eng, ffi
from ..mechanisms import registry


def eng_cvode():
    from ..engine import lib
    return lib.nrn_cvode_get()


def _cell_of_node(cells: np.ndarray, node: int) -> int:
    return int(np.searchsorted(cells, node, side="right") - 1)


def owner(built, cells: np.ndarray, addr: int) -> int:
    """The cell holding the double at addr, -1 when it is not a node or instance variable."""
    c = eng_cvode()
    for k in range(c.nlcv):
        if int(ffi.cast("uintptr_t", ffi.addressof(c.lcv[k], "t_"))) == addr:
            return k
    v0 = built.v.ctypes.data
    if v0 <= addr < v0 + 8 * built.nnode:
        return _cell_of_node(cells, (addr - v0) // 8)
    for mt in registry.order:
        if mt.nalive == 0:
            continue
        base = mt.data.ctypes.data
        if base <= addr < base + mt.data.nbytes:
            row = ((addr - base) // 8) % mt.data.shape[1]
            if row < mt.nalive and len(mt.node_arr) > row and mt.node_arr[row] >= 0:
                return _cell_of_node(cells, int(mt.node_arr[row]))
            return -1
    return -1


def compute(built, cells: np.ndarray) -> List[np.ndarray]:
    """Owners of the engine's records, plays and threshold sources, in table order."""
    def addr(p) -> int:
        return int(ffi.cast("uintptr_t", p)) if p != ffi.NULL else 0
    rec = np.array([owner(built, cells, addr(eng.records[k].src)) for k in range(eng.nrecord)]
                   or [-1], dtype=np.int32)
    play = np.array([owner(built, cells, addr(eng.plays[k].dst)) for k in range(eng.nplay)]
                    or [-1], dtype=np.int32)
    ps = np.array([owner(built, cells, addr(eng.presyns[k].thvar))
                   if eng.presyns[k].in_use and eng.presyns[k].thvar != ffi.NULL else -1
                   for k in range(eng.npresyn)] or [-1], dtype=np.int32)
    return [rec, play, ps]
