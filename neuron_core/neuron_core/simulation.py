"""Simulation control: finitialize, fadvance, fcurrent, run_until, FInitializeHandler.

`finitialize` follows NEURON's documented order (NEURON-BEHAVIOUR §3.2); the time loop itself
(`fadvance`, `run_until`) runs in C.
"""
from __future__ import annotations

import itertools
import weakref
from typing import Callable, Dict, List, Optional

from . import recording
from .engine import _py_events, check, eng, lib
from .errors import NeuronError
from .model import model
from .refs import pull_external, push_external

_fih: Dict[int, List["FInitializeHandler"]] = {0: [], 1: [], 2: [], 3: []}
_event_ids = itertools.count(1)
_BEFORE_STEP = 2  # nrn_call_ba's code (csrc/ba_api.h)

# While CVode is active, the variable-step method (neuron_core.variable_step) replaces the end
# of finitialize, fadvance and run_until: an object with initialize(), fadvance(), run_until().
variable_step = None


def _prepare() -> None:
    model.ensure_runnable()
    recording.sync()
    eng.ctx.cj = (2.0 if eng.ctx.secondorder else 1.0) / eng.ctx.dt


def _run_fih(kind: int) -> None:
    if not _fih[kind]:
        return
    push_external()
    for r in list(_fih[kind]):
        h = r()
        if h is None:
            _fih[kind].remove(r)
        else:
            h._call()
    pull_external()


def finitialize(v: Optional[float] = None) -> float:
    """Initialize the model at t = 0 (all voltages = v when given)."""
    try:
        return _finitialize(v)
    finally:
        push_external()


def _finitialize(v: Optional[float]) -> float:
    _run_fih(3)
    recording.release_unreferenced()
    _prepare()
    eng.ctx.t = 0.0
    lib.nrn_engine_reset_error()
    lib.nrn_table_check()
    lib.nrn_clear_events()
    lib.nrn_random_play()
    lib.nrn_play_init()
    check(lib.nrn_deliver_events(0.0))
    if v is not None:
        model.built.v[:] = float(v)
    _run_fih(0)
    check(lib.nrn_init_mechanisms())
    check(lib.nrn_init_events())
    _run_fih(1)
    check(lib.nrn_deliver_events(eng.ctx.t))
    if variable_step is not None:
        variable_step.initialize()
    else:
        check(lib.nrn_fcurrent_init())
    lib.nrn_record_init()
    if variable_step is None:
        _fixed_record_continuous()
    check(lib.nrn_deliver_events(eng.ctx.t))
    _run_fih(2)
    return 1.0


def fadvance() -> float:
    try:
        if variable_step is not None:
            return variable_step.fadvance()
        _prepare()
        check(lib.nrn_fixed_step())
        return 1.0
    finally:
        push_external()


def run_until(tstop: float) -> None:
    """stdrun's fixed-step continuerun loop, in C: step while t < tstop - dt/2."""
    try:
        if variable_step is not None:
            return variable_step.run_until(float(tstop))
        _prepare()
        check(lib.nrn_run_until(float(tstop)))
    finally:
        push_external()


def fcurrent() -> float:
    _prepare()
    lib.nrn_table_check()
    lib.nrn_fcurrent()
    check()
    return 1.0


def frecord_init() -> float:
    _prepare()
    lib.nrn_record_init()
    if variable_step is None:
        _fixed_record_continuous()
    else:
        lib.nrn_record_continuous()
    check()
    return 1.0


def _fixed_record_continuous() -> None:
    # NEURON's fixed_record_continuous: mechanisms' BEFORE STEP blocks, then the samples
    lib.nrn_call_ba(_BEFORE_STEP)
    check()
    lib.nrn_record_continuous()


def stoprun(value: Optional[float] = None) -> float:
    if value is not None:
        eng.stoprun = 1 if value else 0
    return float(eng.stoprun)


def schedule_python_event(t: float, fn: Callable[[], object]) -> int:
    """Call fn at time t during the run (CVode.event(t, callable))."""
    ident = next(_event_ids)

    def once():
        _py_events.pop(ident, None)
        fn()
    _py_events[ident] = once
    lib.nrn_python_event(float(t), ident)
    return ident


class FInitializeHandler:
    """FInitializeHandler([type,] callable or statement): code run during finitialize."""

    def __init__(self, *args, **kwargs):
        if len(args) == 2:
            kind, stmt = int(args[0]), args[1]
        elif len(args) == 1:
            kind, stmt = 1, args[0]
        else:
            raise TypeError("FInitializeHandler([type,] statement_or_callable)")
        if kind not in _fih:
            raise NeuronError("FInitializeHandler type must be 0, 1, 2 or 3")
        self._kind = kind
        self._stmt = stmt
        _fih[kind].append(weakref.ref(self))

    def _call(self) -> None:
        if callable(self._stmt):
            self._stmt()
        else:
            from . import builtins
            builtins.execute_hoc(str(self._stmt))

    def allprint(self) -> None:
        for kind, lst in _fih.items():
            for r in lst:
                h = r()
                if h is not None:
                    print("%d %r" % (kind, h._stmt))
