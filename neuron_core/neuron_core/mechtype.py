"""One mechanism type: its variables, instance storage and engine descriptor.

Instance data is a structure of arrays: `data[col, row]` (C order, so the engine sees column
`col` of instance `row` at `p[col*stride + row]`), pointer slots in `pp[slot, row]`.  Rows are
allocated by owners (a section's segments, a point process) and compacted and sorted by node
when the model is rebuilt; owners are told their new rows through `on_rows_moved`.
"""
from __future__ import annotations

import json
import weakref
from dataclasses import dataclass
from typing import Any, Dict, List, Optional

import numpy as np

from .engine import ffi, lib

DENSITY, POINT, ARTIFICIAL, ION, EXTRACELLULAR = (
    lib.NRN_KIND_DENSITY, lib.NRN_KIND_POINT, lib.NRN_KIND_ARTIFICIAL, lib.NRN_KIND_ION,
    lib.NRN_KIND_EXTRACELLULAR)


@dataclass
class VarSpec:
    """A per-instance variable (a column, or `size` consecutive columns for an array)."""

    name: str
    col: int
    size: int = 1
    kind: str = "assigned"  # parameter | assigned | state | dstate | hidden
    range: bool = True
    default: float = 0.0
    units: str = ""
    limits: Optional[List[float]] = None
    array: bool = False     # declared as an array (indexed even with one element)

    @property
    def is_array(self) -> bool:
        return self.array or self.size > 1


@dataclass
class GlobalSpec:
    name: str
    index: int
    size: int = 1
    default: float = 0.0
    units: str = ""


@dataclass
class SlotSpec:
    name: str
    kind: str  # ion | pointer | random | other
    ion: str = ""
    var: str = ""
    verbatim_only: bool = False   # a POINTER only VERBATIM code uses (NULL until it stores)


class MechType:
    """A mechanism type with its instances' storage."""

    def __init__(self, name: str, kind: int, meta: Dict[str, Any], desc=None,
                 library: Optional[str] = None):
        self.name = name
        self.kind = kind
        self.meta = meta
        self.desc = desc                  # const nrn_mech_desc* (None for engine-coded kinds)
        self.library = library
        self.file = meta.get("file", "")
        self.suffix = meta.get("suffix", name)
        self.vars: List[VarSpec] = [VarSpec(**_pick(c, VarSpec)) for c in meta.get("columns", [])]
        self.by_name: Dict[str, VarSpec] = {v.name: v for v in self.vars}
        self.globals_spec: List[GlobalSpec] = [GlobalSpec(**_pick(g, GlobalSpec))
                                               for g in meta.get("globals", [])]
        self.slots: List[SlotSpec] = [SlotSpec(**_pick(s, SlotSpec)) for s in meta.get("slots", [])]
        self.ions = meta.get("ions", [])
        self.functions = {f["name"]: f for f in meta.get("functions", [])}
        self.electrode = bool(meta.get("electrode_current", False))
        self.ncol = max([v.col + v.size for v in self.vars], default=0)
        self.nslot = len(self.slots)
        self.type_index = -1              # position in the model's registry
        self.globals = self._bind_globals()
        cap = 4
        self.data = np.zeros((max(self.ncol, 1), cap))
        self.pp = np.zeros((max(self.nslot, 1), cap), dtype=np.uintp)
        self.owner: List[Any] = [None] * cap   # weak references: rows never keep owners alive
        self.alive = np.zeros(cap, dtype=bool)
        self.nrows = 0                    # rows handed out (alive or dead)
        self.nalive = 0
        self.handed_out = False           # a class, global or function of it was given to user code
        self.dirty = True                 # rows changed since the last rebuild
        self.defaults = np.array([0.0] * max(self.ncol, 1))
        for v in self.vars:
            self.defaults[v.col:v.col + v.size] = v.default
        self.fn_ptrs = self._bind_functions()
        # the weight vector length of a NetCon onto this type: NET_RECEIVE's arguments (at
        # least one); 0 when compiled code has no NET_RECEIVE
        if desc is not None and desc.net_receive == ffi.NULL:
            self.netcon_weight_count = 0
        else:
            nr = meta.get("net_receive")
            self.netcon_weight_count = max(1, int(nr["nargs"])) if nr else 1

    # ---------------------------------------------------------------- setup

    def _bind_globals(self) -> np.ndarray:
        if self.desc is not None and self.desc.nglobals > 0:
            buf = ffi.buffer(self.desc.globals, 8 * self.desc.nglobals)
            return np.frombuffer(buf, dtype=np.float64)
        n = max([g.index + g.size for g in self.globals_spec], default=0)
        arr = np.zeros(max(n, 3))
        for g in self.globals_spec:
            arr[g.index:g.index + g.size] = g.default
        return arr

    def _bind_functions(self) -> Dict[str, Any]:
        out = {}
        if self.desc is None:
            return out
        for k in range(self.desc.nfns):
            e = self.desc.fns[k]
            out[ffi.string(e.name).decode()] = e
        return out

    @property
    def is_point(self) -> bool:
        return self.kind in (POINT, ARTIFICIAL)

    @property
    def artificial(self) -> bool:
        return self.kind == ARTIFICIAL

    def hoc_range_name(self, v: VarSpec) -> str:
        """A range variable's HOC name: `gnabar_hh`; an ion's (`ena`) or a suffix-less
        mechanism's as declared."""
        if self.kind == ION or not self.suffix:
            return v.name
        return "%s_%s" % (v.name, self.suffix)

    def hoc_global_name(self, g: GlobalSpec) -> str:
        """A GLOBAL's HOC name: `tau_hh`, `ib_IntFire4` (a point process's by its name), an
        ion's or a suffix-less mechanism's as declared."""
        if self.is_point:
            return "%s_%s" % (g.name, self.name)
        if self.kind == ION or not self.suffix:
            return g.name
        return "%s_%s" % (g.name, self.suffix)

    # ----------------------------------------------------------------- rows

    def alloc(self, count: int, owner: Any) -> int:
        """Hand out `count` consecutive rows with default values; returns the first.  The
        rows refer to their owner weakly: a section or point process the user lets go is
        deleted (and frees its rows) as in NEURON."""
        owner = weakref.ref(owner)
        need = self.nrows + count
        if need > self.data.shape[1]:
            self._grow(max(need, 2 * self.data.shape[1]))
        r0 = self.nrows
        if count == 1:
            self.data[:, r0] = self.defaults
            self.pp[:, r0] = 0
            self.alive[r0] = True
            self.owner[r0] = owner
        else:
            self.data[:, r0:need] = self.defaults[:, None]
            self.pp[:, r0:need] = 0
            self.alive[r0:need] = True
            self.owner[r0:need] = [owner] * count
        self.nrows = need
        self.nalive += count
        self.dirty = True
        return r0

    def call_instance(self, which: str, row: int, count: int = 1) -> None:
        """Run the CONSTRUCTOR or DESTRUCTOR block of rows [row, row+count)."""
        if self.desc is None:
            return
        fn = getattr(self.desc, which)
        if fn == ffi.NULL:
            return
        from .engine import check, eng
        m = ffi.new("nrn_mech*")
        m.n = self.nrows
        m.stride = self.data.shape[1]
        m.type = self.type_index
        node = np.full(max(self.nrows, 1), -1, dtype=np.int32)
        m.node = ffi.cast("int*", node.ctypes.data)
        m.pnt = ffi.NULL
        m.p = ffi.cast("double*", self.data.ctypes.data)
        m.pp = ffi.cast("double**", self.pp.ctypes.data)
        m.globals = ffi.cast("double*", self.globals.ctypes.data)
        for r in range(row, row + count):
            fn(ffi.addressof(eng.ctx), m, r)
        check()

    def free(self, row: int, count: int = 1) -> None:
        if self.desc is not None and self.desc.destructor != ffi.NULL:
            self.call_instance("destructor", row, count)
        self.alive[row:row + count] = False
        for r in range(row, row + count):
            self.owner[r] = None
        self.nalive -= count
        self.dirty = True

    def owner_of(self, row: int) -> Any:
        """The section or point process that owns `row`, or None."""
        r = self.owner[row]
        return None if r is None else r()

    def _grow(self, cap: int) -> None:
        data = np.zeros((self.data.shape[0], cap))
        data[:, :self.nrows] = self.data[:, :self.nrows]
        pp = np.zeros((self.pp.shape[0], cap), dtype=np.uintp)
        pp[:, :self.nrows] = self.pp[:, :self.nrows]
        alive = np.zeros(cap, dtype=bool)
        alive[:self.nrows] = self.alive[:self.nrows]
        self.data, self.pp, self.alive = data, pp, alive
        self.owner.extend([None] * (cap - len(self.owner)))

    def reorder(self, perm: np.ndarray) -> None:
        """Keep rows `perm` (in that order) as rows 0..len(perm)-1 with capacity to spare."""
        n = len(perm)
        cap = max(4, n + n // 4 + 1)
        data = np.zeros((self.data.shape[0], cap))
        data[:, :n] = self.data[:, perm]
        pp = np.zeros((self.pp.shape[0], cap), dtype=np.uintp)
        pp[:, :n] = self.pp[:, perm]  # kept for slots the mechanism fills itself (BBCOREPOINTER)
        alive = np.zeros(cap, dtype=bool)
        alive[:n] = True
        owner = [self.owner[int(r)] for r in perm] + [None] * (cap - n)
        self.data, self.pp, self.alive, self.owner = data, pp, alive, owner
        self.nrows = self.nalive = n

    def column(self, name: str) -> VarSpec:
        try:
            return self.by_name[name]
        except KeyError:
            raise AttributeError(f"{self.name} has no variable {name!r}") from None

    def address(self, col: int, row: int) -> int:
        """Raw address of data[col, row] (valid until the next reallocation)."""
        return self.data.ctypes.data + 8 * (col * self.data.shape[1] + row)

    def range_names(self) -> List[str]:
        return [v.name for v in self.vars if v.range]

    def __repr__(self) -> str:
        return f"<mechanism {self.name}>"


def _pick(d: Dict[str, Any], cls) -> Dict[str, Any]:
    names = cls.__dataclass_fields__.keys()
    return {k: v for k, v in d.items() if k in names}


def parse_metadata(desc) -> Dict[str, Any]:
    return json.loads(ffi.string(desc.metadata).decode("utf-8"))
