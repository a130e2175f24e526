"""Spike exchange between ranks, once per minimum-delay interval.

The engine appends every spike of an output gid to two buffers (`eng.out_t`, `eng.out_gid`).
An event placed in the engine's queue every `interval` ms (NEURON's NetParEvent) calls
`exchange()` from inside the C time loop: every rank learns every other rank's spikes with
two collectives and fires the local stand-in sources (InputPreSyn) of the gids it listens
to, so their NetCons deliver at spike time + delay.  The interval never exceeds the smallest
delay of a connection that spans ranks, so a spike always arrives before it is due.

The first collective also carries a status: a rank that failed says so instead of sending
its count, and every rank raises, so no rank is left waiting for one that stopped.
"""
from __future__ import annotations

from typing import List, Optional

import numpy as np

from ..engine import _py_events, check, eng, ffi, lib
from ..errors import NeuronError
from ..model import model
from ..simulation import schedule_python_event
from ..vector import Vector
from . import world
from .abort import watchdog
from .gids import table


class RemoteFailure(NeuronError):
    """Raised on every rank when some rank reported a failure during the exchange."""


class SpikeExchange:
    def __init__(self):
        self.out_t = self.out_gid = None  # made at the first start (internal buffers)
        self.interval = 0.0
        self.active = False
        self._event = None
        self.nsend = self.nsendmax = self.nrecv = self.nrecv_useful = 0
        self.wait_time = 0.0
        self.send_time = 0.0
        self.histogram = None

    # ---------------------------------------------------------------- set-up

    def start(self, interval: float) -> None:
        """At finitialize (every rank): clear buffers and statistics, arm the first event."""
        self.stop()
        self.interval = float(interval)
        self.active = True
        if self.out_t is None:
            self.out_t, self.out_gid = Vector(), Vector()
        self.out_t.resize(0)
        self.out_gid.resize(0)
        eng.out_t = self.out_t._cv
        eng.out_gid = self.out_gid._cv
        self.nsend = self.nsendmax = self.nrecv = self.nrecv_useful = 0
        self._schedule(model.t + self.interval)

    def stop(self) -> None:
        if self._event is not None:
            _py_events.pop(self._event, None)
            self._event = None
        eng.out_t = ffi.NULL
        eng.out_gid = ffi.NULL
        self.active = False

    def _schedule(self, t: float) -> None:
        self._event = schedule_python_event(t, self._on_event)

    def _on_event(self) -> None:
        t_event = model.t
        self._event = None
        try:
            self.exchange()
        except BaseException as exc:
            stop_engine(exc)
            return
        self._schedule(t_event + self.interval)

    # -------------------------------------------------------------- exchange

    def exchange(self, failure: Optional[str] = None) -> None:
        """Collective: send this rank's spikes since the last exchange, fire the ones heard here."""
        comm = world.net()
        n = int(self.out_t._cv.size)
        t0 = comm.wtime()
        head = np.array([n if failure is None else -1], dtype=np.int64)
        counts = comm.allgather_array(head).ravel()
        if (counts < 0).any():
            messages = comm.allgather(failure)
            self.wait_time += comm.wtime() - t0
            raise RemoteFailure(_failure_text(counts, messages, comm.rank))
        total = int(counts.sum())
        self.nsend += n
        self.nsendmax = max(self.nsendmax, n)
        if self.histogram is not None:
            hv = self.histogram
            mx = min(int(counts.max()), len(hv) - 1)
            hv[mx] = hv[mx] + 1
        if total == 0:
            self.wait_time += comm.wtime() - t0
            watchdog.tick()
            return
        mine = np.empty(2 * n)
        mine[:n] = self.out_t.as_numpy()
        mine[n:] = self.out_gid.as_numpy()
        self.out_t._cv.size = 0
        self.out_gid._cv.size = 0
        got = comm.allgatherv(mine, 2 * counts)
        t1 = comm.wtime()
        self.wait_time += t1 - t0
        self.nrecv += total
        self._deliver(got, counts, comm.rank)
        self.send_time += comm.wtime() - t1
        watchdog.tick()

    def _deliver(self, got: np.ndarray, counts: np.ndarray, me: int) -> None:
        gids_in, ids_in = table.input_index()
        if len(gids_in) == 0:
            return
        fire = lib.nrn_presyn_fire
        start = 0
        for rank, k in enumerate(counts.tolist()):
            seg = got[start:start + 2 * k]
            start += 2 * k
            if rank == me or k == 0:
                continue
            times, gids = seg[:k], seg[k:].astype(np.int64)
            pos = np.searchsorted(gids_in, gids)
            pos[pos >= len(gids_in)] = 0
            hit = gids_in[pos] == gids
            if not hit.any():
                continue
            self.nrecv_useful += int(hit.sum())
            for t, ps in zip(times[hit].tolist(), ids_in[pos[hit]].tolist()):
                fire(ps, t)
        check()


def stop_engine(exc: BaseException) -> None:
    """Stop the C time loop from inside a callback; the run's caller then raises `exc`."""
    from .. import engine
    engine._pending_exception.append(exc)
    eng.errored = 1


def _failure_text(counts: np.ndarray, messages: List[Optional[str]], me: int) -> str:
    bad = [r for r, c in enumerate(counts.tolist()) if c < 0]
    parts = ["rank %d: %s" % (r, messages[r] or "failed") for r in bad]
    return "simulation stopped on every rank because %s failed: %s" % (
        "rank %d" % bad[0] if len(bad) == 1 else "ranks %s" % bad, "; ".join(parts))


spikes = SpikeExchange()
