"""Never leave MPI ranks waiting forever for one that failed.

Two guards, as in NEURON: an uncaught exception on any rank calls MPI_Abort (unless
`mpiabort_on_error(0)`), and during `psolve` a watchdog aborts the job when the simulation
makes no progress for `timeout` seconds (a rank stuck in a collective that another rank
will never enter).
"""
from __future__ import annotations

import sys
import threading
import time

_settings = {"abort_on_error": True, "timeout": 20.0, "installed": False}


def install(comm) -> None:
    """Chain an excepthook that aborts the whole job when this rank dies of an exception."""
    if comm.size <= 1 or _settings["installed"]:
        return
    _settings["installed"] = True
    previous = sys.excepthook

    def hook(exc_type, exc, tb):
        previous(exc_type, exc, tb)
        if _settings["abort_on_error"]:
            sys.stderr.write("rank %d of %d: uncaught %s; calling MPI_Abort so that the other "
                             "ranks do not wait forever\n" % (comm.rank, comm.size, exc_type.__name__))
            sys.stderr.flush()
            comm.abort(1)

    sys.excepthook = hook


def abort_on_error(flag=None) -> float:
    old = 1.0 if _settings["abort_on_error"] else 0.0
    if flag is not None:
        _settings["abort_on_error"] = bool(flag)
    return old


def set_timeout(seconds=None) -> float:
    old = _settings["timeout"]
    if seconds is not None:
        _settings["timeout"] = max(0.0, float(seconds))
    return old


class Watchdog:
    """Aborts the job if `tick()` is not called for `timeout` seconds while armed."""

    def __init__(self):
        self._last = time.monotonic()
        self._armed = False
        self._thread = None
        self._comm = None
        self._where = lambda: ""

    def arm(self, comm, where) -> None:
        if comm.size <= 1 or _settings["timeout"] <= 0:
            return
        self._comm = comm
        self._where = where
        self._last = time.monotonic()
        self._armed = True
        if self._thread is None:
            self._thread = threading.Thread(target=self._watch, name="nrn-mpi-watchdog", daemon=True)
            self._thread.start()

    def tick(self) -> None:
        self._last = time.monotonic()

    def disarm(self) -> None:
        self._armed = False

    def _watch(self) -> None:
        while True:
            limit = _settings["timeout"]
            time.sleep(min(1.0, max(limit, 0.05) / 4))
            if self._armed and limit > 0 and time.monotonic() - self._last > limit:
                c = self._comm
                sys.stderr.write("rank %d of %d: no progress for %g s in psolve (%s): a rank is "
                                 "stuck or has failed; calling MPI_Abort (see "
                                 "ParallelContext.timeout)\n" % (c.rank, c.size, limit, self._where()))
                sys.stderr.flush()
                c.abort(1)


watchdog = Watchdog()
