"""NEURON's Timer: run a statement or callable every `seconds()` while started.

As in NEURON, the action runs from the event loop (doEvents / doNotify call `process_timers`),
never from another thread, so it cannot interrupt a simulation step.
"""
from __future__ import annotations

import time
import weakref
from typing import Callable

from neuron_core.errors import NeuronError
from neuron_core.vector.args import nargs, num

from .identity import HocIdentity
from .strings import text_of

_running: "weakref.WeakSet[Timer]" = weakref.WeakSet()
_statement_runner = [None]


def set_statement_runner(fn: Callable[[str], object]) -> None:
    """How a HOC statement string is executed (registered by the interpreter)."""
    _statement_runner[0] = fn


def process_timers(now: float = None) -> int:
    """Run the actions of started timers that are due; returns how many ran."""
    t = time.monotonic() if now is None else now
    ran = 0
    for timer in list(_running):
        if timer._due is not None and t >= timer._due:
            timer._due = t + timer._interval
            timer._fire()
            ran += 1
    return ran


class Timer(HocIdentity):
    """Timer("stmt" | callable)."""

    hoc_name = "Timer"
    __slots__ = ("_action", "_interval", "_due", "_id", "__weakref__")

    def __init__(self, *args) -> None:
        nargs(args, 0, 1, "Timer")
        action = args[0] if args else None
        if action is not None and not callable(action):
            action = text_of(action)
        self._action = action
        self._interval = 1.0
        self._due = None
        self._id = self._number()

    def seconds(self, *args) -> float:
        """The interval in seconds (set with an argument)."""
        nargs(args, 0, 1, "Timer.seconds")
        if args:
            interval = num(args[0], "Timer.seconds")
            if interval < 0:
                raise NeuronError("Timer.seconds: interval must not be negative")
            self._interval = interval
        return self._interval

    def start(self) -> float:
        self._due = time.monotonic() + self._interval
        _running.add(self)
        return 0.0

    def end(self) -> float:
        self._due = None
        _running.discard(self)
        return 0.0

    def _fire(self) -> None:
        a = self._action
        if a is None:
            return
        if callable(a):
            a()
            return
        run = _statement_runner[0]
        if run is None:
            raise NeuronError("Timer: no HOC interpreter to run %r" % a)
        run(a)
