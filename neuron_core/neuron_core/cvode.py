"""The CVode object: integrator settings, fast i_membrane_, and events at given times.

The variable-step integrator itself is not part of the engine yet: `active(1)` raises a clear
error instead of silently running the fixed-step method.
"""
from __future__ import annotations

from typing import Optional

from .errors import NeuronError
from .model import model
from .simulation import schedule_python_event

_settings = {"atol": 1e-3, "rtol": 0.0, "maxorder": 5, "stiff": 2, "maxstep": 1e9, "minstep": 0.0,
             "use_local_dt": 0, "use_daspk": 0, "condition_order": 1, "cache_efficient": 0}


class CVode:
    """NEURON's CVode class (one shared state, as in NEURON)."""

    def active(self, on: Optional[float] = None) -> float:
        if on is not None and on:
            raise NeuronError("CVode.active(1): the variable time step method is not available in "
                              "this version; use the fixed step (CVode.active(0))")
        return 0.0

    def use_fast_imem(self, on: Optional[float] = None) -> float:
        old = 1.0 if model.use_fast_imem else 0.0
        if on is not None:
            model.use_fast_imem = bool(on)
            model.structure_dirty = True
        return old

    def event(self, t: float, action=None) -> float:
        """Call `action` (callable or HOC statement) at time t; with no action, only stop there."""
        if action is None:
            schedule_python_event(t, lambda: None)
        elif callable(action):
            schedule_python_event(t, action)
        else:
            from .builtins import execute_hoc
            stmt = str(action)
            schedule_python_event(t, lambda: execute_hoc(stmt))
        return 0.0

    def _setting(self, name: str, value, lo: float = None):
        old = _settings[name]
        if value is not None:
            value = float(value)
            if lo is not None and value < lo:
                raise NeuronError("CVode.%s must be >= %g" % (name, lo))
            _settings[name] = value
        return float(old)

    def atol(self, value=None) -> float:
        if value is not None and float(value) <= 0:
            raise NeuronError("CVode.atol must be > 0")
        return self._setting("atol", value)

    def rtol(self, value=None) -> float:
        return self._setting("rtol", value, 0.0)

    def maxorder(self, value=None) -> float:
        return self._setting("maxorder", value, 1)

    def stiff(self, value=None) -> float:
        return self._setting("stiff", value, 0)

    def maxstep(self, value=None) -> float:
        return self._setting("maxstep", value, 0)

    def minstep(self, value=None) -> float:
        return self._setting("minstep", value, 0)

    def use_local_dt(self, value=None) -> float:
        if value:
            raise NeuronError("CVode.use_local_dt(1): the variable time step method is not available")
        return self._setting("use_local_dt", value)

    def use_daspk(self, value=None) -> float:
        if value:
            raise NeuronError("CVode.use_daspk(1): the variable time step method is not available")
        return self._setting("use_daspk", value)

    def condition_order(self, value=None) -> float:
        return self._setting("condition_order", value, 1)

    def cache_efficient(self, value=None) -> float:
        return self._setting("cache_efficient", value)

    def re_init(self) -> float:
        return 0.0
