"""BBSaveState: the state of a network saved cell by cell, keyed by gid, so that it can be
restored into a model built again (possibly in another process) with the same gids
(NEURON's bbsavestate.cpp, without splitting a cell over ranks).

For each gid of this rank the cell's piece holds: every section of its tree (node voltages,
mechanism states as SaveState keeps them), its point processes (state, incoming NetCon
weights, pending self events), the artificial cells without a gid that feed it (as NEURON
requires, each connected to this cell only), the events in flight on NetCons whose source has
no gid, the source's threshold state, and the times of its spikes still in flight.  Restoring
clears the event queue, puts the states back and sends the in-flight spikes again.

Files are text (JSON), one per gid as NEURON's save_test writes them ("out/tmp",
"out/tmp.<gid>.<rank>"), or one file for everything with save(name).
"""
from __future__ import annotations

import json
import os
import weakref
from typing import Dict, List

import numpy as np

from . import recording
from .engine import eng, lib
from .errors import NeuronError
from .model import model
from .netcon import _ref_section
from .savestate import _reinit_variable_step, saved_columns

_counter = [0]


def _queue() -> List[tuple]:
    """(t, type, target, netcon, flag) of every queued event, in the order they were sent."""
    evs = [eng.heap[k] for k in range(int(eng.nev))]
    evs.sort(key=lambda e: int(e.seq))
    return [(float(e.t), int(e.type), int(e.target), int(e.netcon), float(e.flag)) for e in evs]


def _netcons():
    from .netcon import _netcons
    return [_netcons[k] for k in sorted(_netcons.keys())]


def _cell_sections(ps) -> list:
    if ps.ref is not None:
        sec = _ref_section(ps.ref)
        if sec is not None:
            return [s for s in sec.wholetree() if not s._deleted]
        return []
    pp = ps.pp() if ps.pp is not None else None
    if pp is not None and pp._sec is not None:
        return [s for s in pp._sec.wholetree() if not s._deleted]
    return []


class _Cell:
    """The parts of the model that belong to one gid, in a reproducible order."""

    def __init__(self, gid: int, ps, ignored):
        self.gid, self.ps = gid, ps
        self.secs = _cell_sections(ps)
        pps = []
        for s in self.secs:
            here = [r() for r in s._pps]
            here = [p for p in here if p is not None and p._sec is s and p._row >= 0
                    and id(p) not in ignored]
            pps.extend(sorted(here, key=lambda p: (p._x, p._mt.name)))
        src = ps.pp() if ps.pp is not None else None
        if src is not None and src._sec is None and id(src) not in ignored:
            pps.append(src)                      # an artificial cell with this gid
        targets = {id(p) for p in pps}
        feeders = []
        for nc in _netcons():
            feeder = nc._presyn.pp() if nc._presyn is not None and nc._presyn.pp else None
            if (feeder is not None and nc._target is not None and id(nc._target) in targets
                    and feeder._mt.artificial and nc._presyn.gid < 0
                    and id(feeder) not in ignored and feeder not in feeders):
                feeders.append(feeder)
        self.pps = pps + feeders
        self.incoming = {id(p): [nc for nc in _netcons() if nc._target is p] for p in self.pps}


def _cells(ignored) -> Dict[int, _Cell]:
    from .parallel.gids import table
    return {gid: _Cell(gid, ps, ignored) for gid, ps in sorted(table.owned.items())
            if ps is not None}


class BBSaveState:
    """save/restore by gid; save_test/restore_test with NEURON's out/ and in/ folders."""

    def __init__(self):
        self._ignored: Dict[int, "weakref.ref"] = {}
        self._index = _counter[0]
        _counter[0] += 1

    def ignore(self, pp=None) -> float:
        """Leave a point process out of save and restore; no argument clears the list."""
        if pp is None:
            self._ignored.clear()
        else:
            self._ignored[id(pp)] = weakref.ref(pp)
        return 0.0

    def _ignored_ids(self):
        return {k for k, r in self._ignored.items() if r() is not None}

    # -------------------------------------------------------------- save

    def _collect(self) -> Dict[str, dict]:
        model.ensure_built()
        recording.sync()
        t = eng.ctx.t
        events = _queue()
        return {str(gid): _save_cell(c, events, t) for gid, c in _cells(self._ignored_ids()).items()}

    def save(self, filename: str) -> float:
        with open(str(filename), "w") as f:
            json.dump({"t": eng.ctx.t, "cells": self._collect()}, f)
        return 0.0

    def save_test(self) -> float:
        """out/tmp holds t; out/tmp.<gid>.<rank> each cell (the folder must exist)."""
        from .parallel import world
        if not os.path.isdir("out"):
            raise NeuronError("BBSaveState.save_test: the folder out does not exist")
        rank = world.net().rank
        cells = self._collect()
        if rank == 0:
            with open(os.path.join("out", "tmp"), "w") as f:
                f.write("%r\n" % eng.ctx.t)
        for gid, piece in cells.items():
            with open(os.path.join("out", "tmp.%s.%d" % (gid, rank)), "w") as f:
                f.write(json.dumps(piece) + "\n")
        return 0.0

    # ----------------------------------------------------------- restore

    def restore(self, filename: str) -> float:
        with open(str(filename)) as f:
            data = json.load(f)
        self._apply(float(data["t"]), data["cells"])
        return 0.0

    def restore_test(self) -> float:
        """Read in/tmp (t) and in/tmp.<gid> (a count of pieces, then the pieces)."""
        with open(os.path.join("in", "tmp")) as f:
            t = float(f.readline())
        cells = {}
        for gid in _cells(self._ignored_ids()):
            path = os.path.join("in", "tmp.%d" % gid)
            with open(path) as f:
                n = int(f.readline())
                pieces = [json.loads(f.readline()) for _ in range(n)]
            if len(pieces) != 1:
                raise NeuronError("BBSaveState: gid %d was saved in %d pieces; a cell split "
                                  "over ranks is not supported" % (gid, len(pieces)))
            cells[str(gid)] = pieces[0]
        self._apply(t, cells)
        return 0.0

    def _apply(self, t: float, saved: Dict[str, dict]) -> None:
        model.ensure_built()
        recording.sync()
        cells = _cells(self._ignored_ids())
        missing = [g for g in cells if str(g) not in saved]
        if missing:
            raise NeuronError("BBSaveState: no saved state for gid %d" % missing[0])
        eng.ctx.t = t
        lib.nrn_clear_events()
        for gid, c in cells.items():
            _restore_cell(c, saved[str(gid)], t)
        _reinit_variable_step()

    def vector_play_init(self) -> float:
        """Restart Vector.play after a restore (the restore cleared their events)."""
        lib.nrn_play_init()
        return 0.0

    def _binary(self, *args):
        raise NeuronError("BBSaveState's binary interface (save_test_bin, restore_test_bin, "
                          "save_request, save_gid, restore_gid) is not implemented")

    save_test_bin = restore_test_bin = save_request = save_gid = restore_gid = _binary

    def hname(self) -> str:
        return "BBSaveState[%d]" % self._index

    def __repr__(self) -> str:
        return self.hname()


# --------------------------------------------------------------- one cell

def _save_cell(c: _Cell, events: List[tuple], t: float) -> dict:
    secs = []
    from .mechanisms import registry
    for s in c.secs:
        mechs = {}
        for name in sorted(s._mechs):
            mt = registry.types[name]
            cols = saved_columns(mt)
            if cols:
                row = s._mechs[name]
                mechs[name] = mt.data[cols, row:row + s._nseg].tolist()
        d = {"nseg": s._nseg, "v": s._v[:s._nseg + 1].tolist(), "mechs": mechs}
        if s._parent is None:
            d["vroot"] = float(s._vroot[0])
        if "_vext" in s.__dict__:
            d["vext"] = s._vext.tolist()
        secs.append(d)
    pnt_index = {p._pnt: i for i, p in enumerate(c.pps)}
    pps = []
    for p in c.pps:
        inc = c.incoming[id(p)]
        nc_index = {nc._id: k for k, nc in enumerate(inc)}
        selfs = [[et, flag, nc_index.get(ncid, -1)] for et, typ, tgt, ncid, flag in events
                 if typ == lib.NRN_EV_SELF and tgt == p._pnt]
        pps.append({"type": p._mt.name,
                    "state": p._mt.data[saved_columns(p._mt), p._row].tolist(),
                    "weights": [nc._w.tolist() for nc in inc],
                    "self": selfs})
    # events in flight on NetCons from sources without a gid, into this cell
    inflight = []
    by_id = {nc._id: nc for nc in _netcons()}
    for et, typ, tgt, ncid, flag in events:
        nc = by_id.get(tgt) if typ == lib.NRN_EV_NETCON else None
        if nc is None or nc._target is None or nc._target._pnt not in pnt_index:
            continue
        if nc._presyn is not None and nc._presyn.gid >= 0:
            continue                          # re-sent by its source cell
        k = c.incoming[id(nc._target)].index(nc)
        inflight.append([et, pnt_index[nc._target._pnt], k])
    ps = c.ps.c
    spikes = sorted({round(et - by_id[tgt].delay, 12) for et, typ, tgt, ncid, flag in events
                     if typ == lib.NRN_EV_NETCON and tgt in by_id
                     and by_id[tgt]._presyn is c.ps})
    return {"secs": secs, "pps": pps, "inflight": inflight,
            "presyn": {"flag": int(ps.flag), "valthresh": float(ps.valthresh), "spikes": spikes}}


def _restore_cell(c: _Cell, d: dict, t: float) -> None:
    from .mechanisms import registry
    if len(d["secs"]) != len(c.secs) or len(d["pps"]) != len(c.pps):
        raise NeuronError("BBSaveState: the cell of gid %d differs from the one saved" % c.gid)
    for s, sd in zip(c.secs, d["secs"]):
        if sd["nseg"] != s._nseg or sorted(sd["mechs"]) != sorted(
                n for n in s._mechs if saved_columns(registry.types[n])):
            raise NeuronError("BBSaveState: section %s of gid %d differs from the one saved"
                              % (s.name(), c.gid))
        s._v[:s._nseg + 1] = sd["v"]
        if "vroot" in sd and s._parent is None:
            s._vroot[0] = sd["vroot"]
        if "vext" in sd and "_vext" in s.__dict__:
            s._vext[...] = np.array(sd["vext"])
        for name, vals in sd["mechs"].items():
            mt = registry.types[name]
            row = s._mechs[name]
            mt.data[saved_columns(mt), row:row + s._nseg] = np.array(vals)
    for p, pd in zip(c.pps, d["pps"]):
        if pd["type"] != p._mt.name:
            raise NeuronError("BBSaveState: point process %s of gid %d differs from the one "
                              "saved (%s)" % (p.hname(), c.gid, pd["type"]))
        p._mt.data[saved_columns(p._mt), p._row] = np.array(pd["state"])
        inc = c.incoming[id(p)]
        for nc, w in zip(inc, pd["weights"]):
            nc._w[:] = w
        for et, flag, k in pd["self"]:
            ncid = inc[k]._id if 0 <= k < len(inc) else -1
            eng.pnts[p._pnt].tqseq = eng.evseq + 1    # the last net_send is net_move's
            lib.nrn_event_push(float(et), lib.NRN_EV_SELF, p._pnt, ncid, float(flag))
    for et, i, k in d["inflight"]:
        nc = c.incoming[id(c.pps[i])][k]
        lib.nrn_event_push(float(et), lib.NRN_EV_NETCON, nc._id, -1, 0.0)
    ps = c.ps.c
    ps.flag = int(d["presyn"]["flag"])
    ps.valthresh = float(d["presyn"]["valthresh"])
    for ts in d["presyn"]["spikes"]:
        for k in range(int(ps.nnc)):
            nc = eng.netcons[ps.nc[k]]
            if nc.active and ts + nc.delay > t:
                lib.nrn_event_push(ts + nc.delay, lib.NRN_EV_NETCON, int(ps.nc[k]), -1, 0.0)

