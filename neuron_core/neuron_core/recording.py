"""Vector.record and Vector.play: the Python side of the engine's record/play tables.

Python keeps the list of (vector, reference, timing) items; before the engine runs, `sync()`
writes the C tables with freshly resolved addresses (again after every rebuild).  A vector
records or plays one thing at a time: a new record() on the same vector replaces the old one.
The lists hold the vectors weakly, as NEURON does: a vector nobody keeps stops recording
(the C tables keep the vectors of the last sync alive until the next one).
"""
from __future__ import annotations

import sys
import weakref
from typing import List, Optional

from .engine import eng, ffi
from .errors import NeuronError
from .model import model
from .refs import Ref, as_ref, pull_external

_records: List[tuple] = []   # (weakref to vec, ref, mode, dt, tvec)
_plays: List[tuple] = []     # (weakref to vec, ref, dt, tvec, continuous)
_randplays: List[tuple] = []  # (rng cdata, dist cdata, ref, owner)
_state = {"dirty": True, "version": -1, "keep": None}


def _as_ref(ref) -> Ref:
    r = as_ref(ref)
    if r is not None:
        return r
    raise TypeError("record/play needs a _ref_ pointer (e.g. seg._ref_v), got %r" % (ref,))


def _gone(_ref) -> None:
    """A recording or playing vector was freed: the tables are rewritten before the next run."""
    _state["dirty"] = True


def record(vec, ref, dt: Optional[float] = None, tvec=None) -> None:
    ref = _as_ref(ref)
    remove_record(vec)
    wvec = weakref.ref(vec, _gone)
    if dt is not None:
        dt = float(dt)
        if dt <= 0:
            raise NeuronError("Vector.record: Dt must be > 0")
        _records.append((wvec, ref, 1, dt, None))
    elif tvec is not None:
        _records.append((wvec, ref, 2, 0.0, tvec))
    else:
        _records.append((wvec, ref, 0, 0.0, None))
    _state["dirty"] = True


def play(vec, ref, dt: Optional[float] = None, tvec=None, continuous: bool = False) -> None:
    ref = _as_ref(ref)
    remove_play(vec)
    if dt is None and tvec is None:
        raise NeuronError("Vector.play needs Dt or a time Vector")
    if dt is not None and float(dt) <= 0:
        raise NeuronError("Vector.play: Dt must be > 0")
    _plays.append((weakref.ref(vec, _gone), ref, None if dt is None else float(dt), tvec,
                   bool(continuous)))
    _state["dirty"] = True


def random_play(rng, dist, ref, owner) -> None:
    """Random.play(ref): the variable gets a new pick at every step and at finitialize."""
    ref = _as_ref(ref)
    _randplays[:] = [r for r in _randplays if not (r[3] is owner and r[2].same_location(ref))]
    _randplays.append((rng, dist, ref, owner))
    _state["dirty"] = True


def remove_record(vec) -> None:
    before = len(_records)
    _records[:] = [r for r in _records if r[0]() is not vec]
    if len(_records) != before:
        _state["dirty"] = True


def remove_play(vec) -> None:
    before = len(_plays)
    _plays[:] = [p for p in _plays if p[0]() is not vec]
    if len(_plays) != before:
        _state["dirty"] = True


def remove(vec) -> None:
    remove_record(vec)
    remove_play(vec)


def release_unreferenced() -> None:
    """At finitialize: let go of the vectors only the engine's tables still hold (their owner
    dropped them), so they are freed and stop recording or playing, as in NEURON."""
    # held by the table's list, the loop variable and getrefcount's argument: nobody else
    if any(sys.getrefcount(v) <= 3 for key in ("rec_vecs", "play_vecs")
           for v in (_state.get(key) or ())):
        # finitialize restarts every record and play: no position needs keeping
        eng.nrecord = eng.nplay = 0
        _state["rec_vecs"] = _state["play_vecs"] = None
        _state["keep"] = None
        _state["dirty"] = True


def sync() -> None:
    """Write the record/play tables for the engine (the model must be built), and bring
    the cells of external references (HOC variables) up to date."""
    pull_external()
    if not _state["dirty"] and _state["version"] == model.version:
        return
    old_rec = {id(_state["rec_vecs"][k]): (eng.records[k].next, eng.records[k].gen)
               for k in range(eng.nrecord)} if _state.get("rec_vecs") else {}
    old_play = {id(_state["play_vecs"][k]): (eng.plays[k].next, eng.plays[k].last_i)
                for k in range(eng.nplay)} if _state.get("play_vecs") else {}
    recs = ffi.new("nrn_record[]", max(len(_records), 1))
    keep = [recs]
    live = []
    rec_vecs = []
    for wvec, ref, mode, dt, tvec in _records:
        vec = wvec()
        if vec is None:
            continue
        try:
            addr = ref.current_address()
        except NeuronError:
            continue  # the recorded location no longer exists
        live.append((wvec, ref, mode, dt, tvec))
        rec_vecs.append(vec)
        r = recs[len(live) - 1]
        r.src = ffi.cast("double*", addr)
        r.y = vec._cv
        r.mode = mode
        r.dt_rec = dt
        r.tvec = tvec._cv if tvec is not None else ffi.NULL
        r.next, r.gen = old_rec.get(id(vec), (0, 0))
    _records[:] = live
    plays = ffi.new("nrn_play[]", max(len(_plays), 1))
    keep.append(plays)
    live = []
    play_vecs = []
    for wvec, ref, dt, tvec, cont in _plays:
        vec = wvec()
        if vec is None:
            continue
        try:
            addr = ref.current_address()
        except NeuronError:
            continue
        live.append((wvec, ref, dt, tvec, cont))
        play_vecs.append(vec)
        p = plays[len(live) - 1]
        p.dst = ffi.cast("double*", addr)
        p.y = vec._cv
        p.tvec = tvec._cv if tvec is not None else ffi.NULL
        p.dt_play = dt if dt is not None else 0.0
        p.continuous = 1 if cont else 0
        p.next, p.last_i = old_play.get(id(vec), (0, 0))
    _plays[:] = live
    rps = ffi.new("nrn_randplay[]", max(len(_randplays), 1))
    keep.append(rps)
    live = []
    for rng, dist, ref, owner in _randplays:
        try:
            addr = ref.current_address()
        except NeuronError:
            continue
        live.append((rng, dist, ref, owner))
        r = rps[len(live) - 1]
        r.rng = ffi.cast("void*", rng)
        r.dist = ffi.cast("void*", dist)
        r.dst = ffi.cast("double*", addr)
    _randplays[:] = live
    eng.randplays = rps
    eng.nrandplay = len(live)
    eng.records = recs
    eng.nrecord = len(_records)
    eng.plays = plays
    eng.nplay = len(_plays)
    _state["keep"] = keep
    _state["rec_vecs"] = rec_vecs
    _state["play_vecs"] = play_vecs
    _state["dirty"] = False
    _state["version"] = model.version
