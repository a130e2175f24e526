"""The CVode object: NEURON's variable time step method and its settings.

All CVode instances share one state, as in NEURON.  `active(1)` switches finitialize,
fadvance and run_until to the variable-step integrator (variable_step.controller, C in
csrc/cvode_*.c); the fixed-step features (use_fast_imem, event) work either way.
"""
from __future__ import annotations

import sys
from typing import Optional

import numpy as np

from .engine import eng, ffi, lib
from .errors import NeuronError
from .model import model
from .simulation import schedule_python_event
from .variable_step import controller, equations


def _vec(v) -> np.ndarray:
    return v.as_numpy() if hasattr(v, "as_numpy") else np.asarray(v)


def _fill(vec, values: np.ndarray) -> None:
    vec.resize(len(values))
    vec.as_numpy()[:] = values


class CVode:
    """NEURON's CVode class."""

    # ---------------------------------------------------------------- switching

    def active(self, on: Optional[float] = None) -> bool:
        if on is not None:
            controller.set_active(bool(float(on)))
        return controller.active

    def re_init(self) -> float:
        if controller.active:
            controller.re_init()
        return 0.0

    # ---------------------------------------------------------------- settings

    def _set(self, name: str, value, restart: bool = True) -> None:
        """Store a setting; `restart` ones rebuild the integrators (NEURON frees them)."""
        controller.settings[name] = value
        if restart:
            controller.dirty = True
            if controller.active:
                controller.re_init()

    def atol(self, value=None) -> float:
        if value is not None:
            value = float(value)
            if not value > 0:
                raise NeuronError("CVode.atol must be > 0 (got %g)" % value)
            controller.settings["atol"] = value
            controller.c.atol_base = value          # used from the next initialization
        return controller.settings["atol"]

    def rtol(self, value=None) -> float:
        if value is not None:
            value = float(value)
            if not value >= 0:
                raise NeuronError("CVode.rtol must be >= 0 (got %g)" % value)
            controller.settings["rtol"] = value
            controller.c.rtol = value               # used from the next initialization
        return controller.settings["rtol"]

    def atolscale(self, name, value=None) -> float:
        """Scale of the absolute tolerance of a STATE (`"m_hh"`, `"v"`, `"ExpSyn.g"`)."""
        key = _state_key(name)
        if value is not None:
            value = float(value)
            if not value > 0:
                raise NeuronError("CVode.atolscale must be > 0 (got %g)" % value)
            controller.scales[key] = value
            controller.scales_dirty = True          # used from the next initialization
        return controller.scales.get(key, 1.0)

    def maxorder(self, value=None) -> int:
        if value is not None:
            v = int(value)
            if not 1 <= v <= 5:
                raise NeuronError("CVode.maxorder must be 1..5")
            self._set("maxorder", v)
        return int(controller.settings["maxorder"])

    def stiff(self, value=None) -> int:
        if value is not None:
            v = int(value)
            if v not in (0, 1, 2):
                raise NeuronError("CVode.stiff must be 0, 1 or 2")
            self._set("stiff", v)
        return int(controller.settings["stiff"])

    def jacobian(self, value=None) -> int:
        """0: NEURON's own Newton solve, 1: dense difference-quotient J, 2: diagonal J."""
        if value is not None:
            v = int(value)
            if v not in (0, 1, 2):
                raise NeuronError("CVode.jacobian must be 0, 1 or 2")
            self._set("jacobian", v)
        return int(controller.settings["jacobian"])

    def maxstep(self, value=None) -> float:
        if value is not None:
            v = float(value)
            if not 0 <= v <= 1e9:
                raise NeuronError("CVode.maxstep must be in [0, 1e9]")
            self._set("maxstep", v, restart=False)
            c = controller.c
            c.maxstep = v
            if c.neq and not c.local:
                if c.dae:
                    c.gi.ida.hmax_inv = 1.0 / v if v > 0 else 0.0
                else:
                    c.gi.cv.hmax_inv = 1.0 / v if v > 0 else 0.0
        return controller.settings["maxstep"]

    def minstep(self, value=None) -> float:
        if value is not None:
            v = float(value)
            if not 0 <= v <= 1e9:
                raise NeuronError("CVode.minstep must be in [0, 1e9]")
            self._set("minstep", v, restart=False)
            c = controller.c
            c.minstep = v
            if c.neq and not c.local and not c.dae:      # IDA has no minimum step
                c.gi.cv.hmin = v
        return controller.settings["minstep"]

    def condition_order(self, value=None) -> int:
        if value is not None:
            v = int(value)
            if v not in (1, 2):
                raise NeuronError("CVode.condition_order must be 1 or 2")
            self._set("condition_order", v, restart=False)
            controller.c.condition_order = v
        return int(controller.settings["condition_order"])

    def use_local_dt(self, value=None) -> bool:
        """One integrator per cell, each with its own time step (NEURON's lvardt).  As in
        NEURON, a model with extracellular keeps the global step (DAE form); turning the local
        step on turns use_daspk off."""
        if value is not None:
            on = bool(float(value))
            if on:
                from .parallel.transfer import state as transfer
                if transfer.targets:
                    raise NeuronError("CVode.use_local_dt(1) cannot be used with gap junctions")
                if equations.model_has_extracellular():
                    on = False
            if on != bool(controller.settings["use_local_dt"]):
                if on:
                    controller.settings["use_daspk"] = 0
                self._set("use_local_dt", 1 if on else 0)
        return bool(controller.settings["use_local_dt"])

    def use_daspk(self, value=None) -> bool:
        """The global step as NEURON's DAE form with the IDA method.  Not optional for a model
        with extracellular (NEURON switches to it when CVode is active); ignored while the
        local step is on, as in NEURON."""
        if value is not None:
            on = bool(float(value))
            if not on and equations.model_has_extracellular():
                on = bool(controller.settings["use_daspk"])
            if on and controller.settings["use_local_dt"]:
                on = False
            if on != bool(controller.settings["use_daspk"]):
                self._set("use_daspk", 1 if on else 0)
        return bool(controller.settings["use_daspk"])

    def cache_efficient(self, value=None) -> bool:
        if value is not None:
            controller.settings["cache_efficient"] = 1 if float(value) else 0
        return bool(controller.settings["cache_efficient"])

    def use_long_double(self, value=None) -> bool:
        return False

    def dae_init_dteps(self, value=None, style=None) -> float:
        """The DAE form's initialization step (ms, default 1e-9) and what a failed residual
        check does (style & 3: 0 error, 1 warning, 2 warning and a decaying correction)."""
        if value is not None:
            v = float(value)
            if not 1e-100 <= v <= 1:
                raise NeuronError("CVode.dae_init_dteps: arg 1 must be in [1e-100, 1]")
            controller.settings["dae_init_dteps"] = v
            controller.c.dteps = v
        if style is not None:
            st = int(style)
            if not 0 <= st <= 0o13:
                raise NeuronError("CVode.dae_init_dteps: style must be in [0, 11]")
            controller.settings["dae_init_style"] = st
            controller.c.init_style = st
        return controller.settings["dae_init_dteps"]

    def use_fast_imem(self, on: Optional[float] = None) -> bool:
        old = bool(model.use_fast_imem)
        if on is not None:
            model.use_fast_imem = bool(float(on))
            model.structure_dirty = True
        return old

    # ---------------------------------------------------------------- running

    def solve(self, tout: Optional[float] = None) -> float:
        """Integrate to tout (one step, or up to the next event time, without an argument)."""
        if not controller.active:
            from . import simulation
            if tout is None:
                simulation.fadvance()
            else:
                simulation.run_until(float(tout))
            return 0.0
        return controller.solve(tout)

    def event(self, t: float, action=None, *args) -> float:
        """At time t: call `action` (callable or HOC statement); with no action, stop there."""
        t = float(t)
        if action is None:
            lib.nrn_cvode_stop_event(t)
            return t
        if t < eng.ctx.t:
            return t
        if callable(action):
            schedule_python_event(t, action)
        else:
            from .builtins import execute_hoc
            stmt = str(action)
            schedule_python_event(t, lambda: execute_hoc(stmt))
        return t

    def record(self, ref, yvec, tvec, discrete: float = 0, sec=None) -> float:
        """Record ref and its time at every step into yvec and tvec (with the local step,
        the time of the cell that owns ref)."""
        from .builtins import VARIABLES
        yvec.record(ref)
        if controller.active and controller.settings["use_local_dt"]:
            tvec.record(controller.cell_time_ref(ref))
        else:
            tvec.record(VARIABLES["t"].ref())
        return 0.0

    def record_remove(self, vec) -> float:
        vec.record_remove()
        return 0.0

    # ---------------------------------------------------------------- queries

    def states(self, vec) -> float:
        _fill(vec, controller.states())
        return 0.0

    def dstates(self, vec) -> float:
        _fill(vec, controller.dstates())
        return 0.0

    def f(self, t: float, yvec, ypvec) -> float:
        if controller.active and controller.c.dae:
            raise NeuronError("CVode.f is not available with the DAE form (use_daspk); "
                              "it is an implicit system F(t, y, y') = 0")
        _fill(ypvec, controller.fun(float(t), _vec(yvec)))
        return 0.0

    def _global_vector(self, name: str) -> np.ndarray:
        """ewt or the last correction of the global integrator (IDA: its Newton update)."""
        c = controller.c
        if not controller.active or c.neq == 0 or c.local:
            return np.zeros(0)
        if c.dae:
            ptr = c.gi.ida.ewt if name == "ewt" else c.gi.ida.delta
        else:
            ptr = c.gi.cv.ewt if name == "ewt" else c.gi.cv.acor
        if ptr == ffi.NULL:
            return np.zeros(0)
        return np.frombuffer(ffi.buffer(ptr, 8 * c.neq), dtype=float).copy()

    def error_weights(self, vec) -> float:
        _fill(vec, self._global_vector("ewt"))
        return 0.0

    def acor(self, vec) -> float:
        _fill(vec, self._global_vector("acor"))
        return 0.0

    def statename(self, i: int, strdef=None, style: int = 1) -> str:
        if not controller.active or controller.eq is None:
            raise NeuronError("Cvode is not active")
        names = controller.eq.names(int(style))
        i = int(i)
        if not 0 <= i < len(names):
            raise NeuronError("Cvode::statename argument out of range")
        if strdef is not None:
            if hasattr(strdef, "s"):
                strdef.s = names[i]
            elif hasattr(strdef, "__setitem__"):
                strdef[0] = names[i]     # h.ref("")
        return names[i]

    def order(self, i: int = 0) -> int:
        c = controller.c
        if not controller.active or c.neq == 0:
            return 0
        if c.local:
            i = int(i)
            return int(c.lcv[i].cv.qu) if 0 <= i < c.nlcv and c.lcv[i].sys.neq else 0
        return int(c.gi.ida.kused) if c.dae else int(c.gi.cv.qu)

    def current_method(self) -> int:
        """NEURON's code: model type (0 none, 1 ODE, 2 DAE) + 10 (general sparse matrix) +
        100 method (secondorder, 3 CVODE, 4 IDA) + 1000 (local step)."""
        model.ensure_built()
        built = model.built
        algebraic = equations.has_algebraic_parts(built)
        mtype = 2 if algebraic else (1 if built is not None and built.nnode else 0)
        if controller.active:
            dae = controller.uses_dae()
            method, local = (4, 0) if dae else (3, int(controller.settings["use_local_dt"]))
            sparse = int(dae)
        else:
            method, local, sparse = int(model.secondorder), 0, int(algebraic)
        return mtype + 10 * sparse + 100 * method + 1000 * local

    def statistics(self, i: int = -1) -> float:
        """Print the integrators' counters (NEURON's format; one block per cell with the
        local step, or only cell i)."""
        c = controller.c
        cells = range(c.nlcv) if c.local else [None]
        out = sys.stdout
        for k in cells:
            if c.local and int(i) >= 0 and k != int(i):
                continue
            s = self._stats(k)
            out.write("\nCvode instance statistics : %d %s states\n"
                      % (s["neq"], "IDA" if c.dae and not c.local else "CVode"))
            out.write("   %d advance_tn, %d interpolate, %d init (%d due to at_time)\n"
                      % (s["advance_tn"], s["interpolate"], s["init"], s["ts_inits"]))
            out.write("   %d function evaluations, %d mx=b solves, %d jacobian setups\n"
                      % (s["f"], s["mxb"], s["jac"]))
        return 0.0

    def _stats(self, cell=None) -> dict:
        c = controller.c
        ci = c.gi if cell is None else c.lcv[cell]
        st = ci.stats
        neq = int(ci.sys.neq)
        nst = (int(ci.ida.nst) if ci.dae else int(ci.cv.nst)) if neq else 0
        return {"neq": neq, "advance_tn": st.advance_calls,
                "interpolate": st.interpolate_calls, "init": st.init_calls,
                "ts_inits": st.ts_inits, "f": st.f_calls, "mxb": st.mxb_calls,
                "jac": st.jac_calls, "nst": nst, "init_failures": int(ci.init_failures)}

    def print_event_queue(self, vec=None) -> float:
        """Print the queued events in time order (or fill vec with their times)."""
        evs = sorted((eng.heap[k].t, eng.heap[k].seq, eng.heap[k].type, eng.heap[k].target)
                     for k in range(eng.nev))
        if vec is not None:
            _fill(vec, np.array([e[0] for e in evs]))
            return 1.0
        names = {lib.NRN_EV_NETCON: "NetCon", lib.NRN_EV_SELF: "SelfEvent",
                 lib.NRN_EV_WATCH: "WatchCondition", lib.NRN_EV_PLAY: "PlayRecordEvent",
                 lib.NRN_EV_RECORD: "PlayRecordEvent", lib.NRN_EV_PYTHON: "HocEvent"}
        for t, _, typ, target in evs:
            sys.stdout.write(" %s %d %.15g\n" % (names.get(typ, "DiscreteEvent"), target, t))
        return 1.0

    def debug_event(self, value=None) -> int:
        return 0

    def queue_mode(self, *args) -> int:
        return 0

    def structure_change_count(self) -> int:
        return int(model.version)


def _state_key(name) -> str:
    """atolscale accepts a name or a reference; references are named by their variable."""
    if isinstance(name, str):
        return name
    desc = getattr(name, "desc", None) or getattr(name, "_desc", None)
    if isinstance(desc, str):
        return desc.split(".")[-1]
    raise NeuronError("Cannot find the symbol associated with the pointer when called from "
                      "Python; use a string instead of pointer argument")
