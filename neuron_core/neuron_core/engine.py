"""The compiled engine (`neuron_core._engine`) and the Python callbacks it needs.

C calls back into Python only for rare events: growing a Vector (once per doubling),
`CVode.event`/`FInitializeHandler`-style Python callbacks the user asked for, and printing.
"""
from __future__ import annotations

import sys
from typing import Callable, Dict

from ._engine import ffi, lib
from .errors import NeuronError

eng = lib.nrn_engine_get()

# Python callables for NRN_EV_PYTHON events, by id.
_py_events: Dict[int, Callable[[], object]] = {}
_pending_exception: list = []


def _onerror(exc_type, exc_value, tb):
    """An exception inside a callback stops the run; it is re-raised by check()."""
    _pending_exception.append(exc_value)
    if not eng.errored:
        eng.errored = 1
        msg = ("Python callback raised %s: %s" % (exc_type.__name__, exc_value)).encode()[:500]
        ffi.memmove(eng.errmsg, msg + b"\0", len(msg) + 1)


@ffi.def_extern(onerror=_onerror)
def nrnpy_vec_grow(v, n):
    ffi.from_handle(v.handle)._c_grow(int(n))


@ffi.def_extern(onerror=_onerror)
def nrnpy_event(ident, t):
    fn = _py_events.get(ident)
    if fn is not None:
        from .refs import pull_external, push_external
        push_external()     # the callback sees played HOC variables, the engine its changes
        fn()
        pull_external()


@ffi.def_extern(onerror=_onerror)
def nrnpy_fake_fire(gid, t, fake_out):
    from .parallel.gids import table
    table.fake_fire(int(gid), float(t), int(fake_out))


@ffi.def_extern(onerror=_onerror)
def nrnpy_printf(s):
    text = ffi.string(s).decode("utf-8", "replace")
    sys.stdout.write(text)
    return len(text)


def check(result: int = 0) -> None:
    """Raise the engine's pending error (or a callback's exception) as a Python exception."""
    if eng.errored or result:
        msg = ffi.string(eng.errmsg).decode("utf-8", "replace")
        lib.nrn_engine_reset_error()
        if _pending_exception:
            exc = _pending_exception.pop()
            _pending_exception.clear()
            raise exc
        raise NeuronError(msg or "simulation error")
