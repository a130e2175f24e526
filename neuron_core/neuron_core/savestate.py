"""SaveState: t, every node voltage, the STATEs of every mechanism (all the variables of those
with a NET_RECEIVE block and of artificial cells; e, ci and co of ions), NetCon weights, spike
sources, WATCH conditions, Vector play/record positions and the event queue, put back by
`restore()` as NEURON's savstate.cpp does.  `fwrite`/`fread` store a saved state in a file
(a format of this implementation; NEURON's files are specific to its build as well).

Between save and restore the model's structure must not change; restore checks it.
"""
from __future__ import annotations

import io
import json
from typing import Dict, List

import numpy as np

from . import recording
from .engine import _py_events, check, eng, ffi, lib
from .errors import NeuronError
from .mechanisms import registry
from .mechtype import ARTIFICIAL, EXTRACELLULAR, ION, MechType
from .model import model

MAGIC = b"SaveState neuron_core binary file version 1\n"
_counter = [0]


def saved_columns(mt: MechType) -> List[int]:
    """The data columns SaveState keeps for instances of a mechanism type."""
    if mt.kind == EXTRACELLULAR:
        return []
    if mt.kind == ION:
        return [mt.by_name[n].col for n in ("e" + mt.ion_name, mt.ion_name + "i", mt.ion_name + "o")]
    if mt.kind == ARTIFICIAL or (mt.is_point and mt.meta.get("net_receive")):
        return list(range(mt.ncol))
    cols = []
    for v in mt.vars:
        if v.kind == "state":
            cols.extend(range(v.col, v.col + v.size))
    return cols


def _structure() -> dict:
    """What must be unchanged between save and restore."""
    secs = model.section_list()
    pps = sorted((pid, r()) for pid, r in model.point_processes.items() if r() is not None)
    from .netcon import _netcons
    return {
        "sections": [[s.name(), s._nseg, sorted(s._mechs), s._parent is None] for s in secs],
        "pps": [[pid, pp._mt.name, pp._row >= 0] for pid, pp in pps],
        "netcons": sorted(int(k) for k in _netcons.keys()),
        "npresyn": int(eng.npresyn),
        "nwatch": int(eng.nwatch),
    }


class SaveState:
    """save() the state of the simulation into this object, restore() it later."""

    def __init__(self):
        self._data: Dict[str, np.ndarray] = {}
        self._struct = None
        self._pyev: Dict[int, object] = {}
        self._index = _counter[0]
        _counter[0] += 1

    # -------------------------------------------------------------- save

    def save(self) -> float:
        model.ensure_built()
        recording.sync()
        d: Dict[str, np.ndarray] = {"t": np.array([eng.ctx.t])}
        for i, s in enumerate(model.sections()):
            d["v/%d" % i] = s._v[:s._nseg + 1].copy()
            if s._parent is None:
                d["vroot/%d" % i] = s._vroot[:1].copy()
            if "_vext" in s.__dict__:
                d["vext/%d" % i] = s._vext.copy()
                d["vextroot/%d" % i] = s._vextroot.copy()
            for name, row in s._mechs.items():
                cols = saved_columns(registry.types[name])
                if cols:
                    d["m/%d/%s" % (i, name)] = registry.types[name].data[cols, row:row + s._nseg].copy()
        for pid, r in sorted(model.point_processes.items()):
            pp = r()
            if pp is None or pp._row < 0:
                continue
            cols = saved_columns(pp._mt)
            if cols:
                d["pp/%d" % pid] = pp._mt.data[cols, pp._row].copy()
        self._save_network(d)
        self._data = d
        self._struct = _structure()
        return 1.0

    def _save_network(self, d: Dict[str, np.ndarray]) -> None:
        from .netcon import _netcons
        ncs = [_netcons[k] for k in sorted(_netcons.keys())]
        d["nc/w"] = np.concatenate([nc._w for nc in ncs]) if ncs else np.zeros(0)
        n = int(eng.npresyn)
        d["ps/flag"] = np.array([eng.presyns[k].flag for k in range(n)], dtype=np.int32)
        d["ps/valthresh"] = np.array([eng.presyns[k].valthresh for k in range(n)])
        d["watch"] = _raw(eng.watches, "nrn_watch", eng.nwatch)
        d["ev/heap"] = _raw(eng.heap, "nrn_event", eng.nev)
        d["ev/seq"] = np.array([eng.evseq], dtype=np.uint64)
        npnt = int(eng.npnt)
        d["ev/tqitem"] = np.array([eng.pnts[k].tqitem for k in range(npnt)], dtype=np.int64)
        d["ev/tqseq"] = np.array([eng.pnts[k].tqseq for k in range(npnt)], dtype=np.uint64)
        d["rec/next"] = np.array([eng.records[k].next for k in range(eng.nrecord)], dtype=np.int64)
        d["rec/gen"] = np.array([eng.records[k].gen for k in range(eng.nrecord)], dtype=np.int64)
        d["play/next"] = np.array([[eng.plays[k].next, eng.plays[k].last_i]
                                   for k in range(eng.nplay)], dtype=np.int64).reshape(-1, 2)
        heap = ffi.cast("nrn_event*", ffi.from_buffer(d["ev/heap"])) if eng.nev else None
        self._pyev = {}
        for k in range(int(eng.nev)):
            if heap[k].type == lib.NRN_EV_PYTHON and heap[k].target in _py_events:
                self._pyev[int(heap[k].target)] = _py_events[heap[k].target]

    # ----------------------------------------------------------- restore

    def restore(self, keep_events: float = 0) -> float:
        """Put the saved state back; restore(1) leaves the event queue, Vector play/record
        positions and NetCon weights as they are."""
        if self._struct is None:
            raise NeuronError("SaveState: nothing has been saved or read")
        model.ensure_built()
        if _structure() != self._struct:
            raise NeuronError("SaveState: Stored state inconsistent with current neuron structure")
        d = self._data
        eng.ctx.t = float(d["t"][0])
        for i, s in enumerate(model.sections()):
            s._v[:s._nseg + 1] = d["v/%d" % i]
            if s._parent is None:
                s._vroot[:1] = d["vroot/%d" % i]
            if "vext/%d" % i in d:
                s._vext[...] = d["vext/%d" % i]
                s._vextroot[...] = d["vextroot/%d" % i]
            for name, row in s._mechs.items():
                key = "m/%d/%s" % (i, name)
                if key in d:
                    mt = registry.types[name]
                    mt.data[saved_columns(mt), row:row + s._nseg] = d[key]
        for pid, r in model.point_processes.items():
            pp = r()
            key = "pp/%d" % pid
            if pp is not None and pp._row >= 0 and key in d:
                pp._mt.data[saved_columns(pp._mt), pp._row] = d[key]
        if not int(keep_events):
            self._restore_network(d)
        _reinit_variable_step()
        return 1.0

    def _restore_network(self, d: Dict[str, np.ndarray]) -> None:
        from .netcon import _netcons
        recording.sync()
        pos = 0
        for k in sorted(_netcons.keys()):
            w = _netcons[k]._w
            w[:] = d["nc/w"][pos:pos + len(w)]
            pos += len(w)
        for k in range(int(eng.npresyn)):
            if eng.presyns[k].in_use:
                eng.presyns[k].flag = int(d["ps/flag"][k])
                eng.presyns[k].valthresh = float(d["ps/valthresh"][k])
        _unraw(eng.watches, d["watch"])
        heap = d["ev/heap"]
        nev = len(heap) // ffi.sizeof("nrn_event")
        src = ffi.cast("nrn_event*", ffi.from_buffer(heap)) if nev else ffi.NULL
        check(lib.nrn_ss_set_queue(src, nev, int(d["ev/seq"][0])))
        for k in range(min(int(eng.npnt), len(d["ev/tqitem"]))):
            eng.pnts[k].tqitem = int(d["ev/tqitem"][k])
            eng.pnts[k].tqseq = int(d["ev/tqseq"][k])
        for k in range(min(int(eng.nrecord), len(d["rec/next"]))):
            eng.records[k].next = int(d["rec/next"][k])
            if "rec/gen" in d:
                eng.records[k].gen = int(d["rec/gen"][k])
        for k in range(min(int(eng.nplay), len(d["play/next"]))):
            eng.plays[k].next = int(d["play/next"][k][0])
            eng.plays[k].last_i = int(d["play/next"][k][1])
        _py_events.update(self._pyev)

    # -------------------------------------------------------------- files

    def fwrite(self, f, keep_open: float = 0) -> float:
        """Write the saved state to a File (opened for writing by this call; closed unless the
        second argument is 1), a path or a binary Python file."""
        if self._struct is None:
            raise NeuronError("SaveState.fwrite: nothing has been saved")
        buf = io.BytesIO()
        arrays = {"k%d" % i: v for i, v in enumerate(self._data.values())}
        np.savez(buf, **arrays)
        header = json.dumps({"keys": list(self._data.keys()), "structure": self._struct}).encode()
        stream, close = _stream(f, "w", int(keep_open))
        try:
            stream.write(MAGIC)
            stream.write(b"%d\n" % len(header))
            stream.write(header)
            stream.write(buf.getvalue())
        finally:
            close()
        return 1.0

    def fread(self, f, keep_open: float = 0) -> float:
        """Read a state written by fwrite (restore() then puts it into the model)."""
        stream, close = _stream(f, "r", int(keep_open))
        try:
            if stream.readline() != MAGIC:
                raise NeuronError("Bad SaveState binary file")
            n = int(stream.readline())
            header = json.loads(stream.read(n).decode())
            npz = np.load(io.BytesIO(stream.read()), allow_pickle=False)
            self._data = {key: npz["k%d" % i] for i, key in enumerate(header["keys"])}
            self._struct = header["structure"]
            self._pyev = {}
        finally:
            close()
        return 1.0

    def writehoc(self, f) -> float:
        raise NeuronError("SaveState.writehoc is not implemented (it is not in NEURON either)")

    def hname(self) -> str:
        return "SaveState[%d]" % self._index

    def __repr__(self) -> str:
        return self.hname()


def _raw(ptr, ctype: str, n) -> np.ndarray:
    n = int(n)
    if n == 0 or ptr == ffi.NULL:
        return np.zeros(0, dtype=np.uint8)
    return np.frombuffer(ffi.buffer(ptr, n * ffi.sizeof(ctype)), dtype=np.uint8).copy()


def _unraw(ptr, data: np.ndarray) -> None:
    if len(data):
        ffi.memmove(ptr, ffi.from_buffer(data), len(data))


def _stream(f, mode: str, keep_open: int):
    """(binary stream, close function) for a HOC File, a path or a Python file object."""
    if isinstance(f, str):
        s = open(f, mode + "b")
        return s, s.close
    if hasattr(f, "_binary_file") and hasattr(f, "ropen"):
        ok = f.wopen() if mode == "w" else f.ropen()
        if not ok:
            raise NeuronError("Couldn't open file for %s: %s"
                              % ("writing" if mode == "w" else "reading", f.getname()))
        s = f._binary_file()
        return s, (lambda: None) if keep_open else f.close
    if hasattr(f, "write" if mode == "w" else "read"):
        return f, (lambda: None)
    raise NeuronError("SaveState needs a File object, a file name or a binary file")


def _reinit_variable_step() -> None:
    from .variable_step import controller
    if controller.active:
        controller.re_init()

