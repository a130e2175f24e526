"""Switching the engine between the fixed step and the variable step, and keeping the C
integrator's equation map and settings in step with the model.

While CVode is active, `simulation.variable_step` is the `Controller` below: finitialize ends
with the integrator's initialization, fadvance is one integrator step (or one event time),
run_until is stdrun's continuerun under CVode.  Everything per step runs in C.
"""
from __future__ import annotations

from typing import Dict, Optional

import numpy as np

from .. import recording, simulation
from ..engine import check, eng, ffi, lib
from ..errors import NeuronError
from ..model import model
from . import equations

DEFAULTS = {"atol": 1e-3, "rtol": 0.0, "maxorder": 5, "stiff": 2, "maxstep": 1e9,
            "minstep": 0.0, "use_local_dt": 0, "use_daspk": 0, "condition_order": 1,
            "cache_efficient": 0, "jacobian": 0,
            "dae_init_dteps": 1e-9, "dae_init_style": 0}


class Controller:
    """The variable-step method of the engine (one per process, as NEURON's)."""

    def __init__(self) -> None:
        self.settings: Dict[str, float] = dict(DEFAULTS)
        self.scales: Dict[str, float] = {}
        self.active = False
        self.eq: Optional[equations.Equations] = None
        self.version = -1          # model version of the current equation map
        self.dirty = True          # settings changed since the last setup
        self.scales_dirty = False  # atolscale changed: new map at the next initialization
        self.c = lib.nrn_cvode_get()

    # ------------------------------------------------------------------ switching

    def set_active(self, on: bool) -> None:
        if on == self.active:
            return
        if on:
            self.active = True
            lib.nrn_cvode_set_active(1)
            simulation.variable_step = self
            self.dirty = True
            try:
                self.re_init()
            except NeuronError:
                # as NEURON, a model the variable step cannot integrate (VClamp...) is
                # reported by finitialize/fadvance, not by switching the method on
                self.dirty = True
        else:
            self.active = False
            lib.nrn_cvode_set_active(0)
            simulation.variable_step = None

    # ---------------------------------------------------------------- structure

    def sync(self) -> None:
        """Build the model and (re)make the equation map when the model or settings changed."""
        model.ensure_runnable()
        if self.version == model.version and not self.dirty:
            recording.sync()
            return
        s = self.settings
        c = self.c
        c.atol_base = s["atol"]
        c.rtol = s["rtol"]
        c.maxorder = int(s["maxorder"])
        c.stiff = int(s["stiff"])
        c.maxstep = s["maxstep"]
        c.minstep = s["minstep"]
        c.condition_order = int(s["condition_order"])
        c.use_dense = int(s["jacobian"])
        dae = self.uses_dae()
        if dae and equations.has_algebraic_parts(model.built):
            # NEURON: the DAE solver is not optional for algebraic models, nor the global step
            s["use_daspk"], s["use_local_dt"] = 1, 0
        c.local = 1 if s["use_local_dt"] and not dae else 0
        c.dae = 1 if dae else 0
        c.dteps = s["dae_init_dteps"]
        c.init_style = int(s["dae_init_style"])
        eq = equations.build(model.built, self.scales, dae=dae)
        self.eq = eq
        if dae:
            lib.nrn_cvode_dae_map(eq.nv, ffi.cast("int*", eq.eqnode.ctypes.data))
        else:
            lib.nrn_cvode_dae_map(0, ffi.NULL)
        cells = np.asarray(getattr(model.built, "cell_start", [0, model.built.nnode]),
                           dtype=np.int32)
        self._cells = cells
        check(lib.nrn_cvode_setup(eq.neq, eq.nv, ffi.cast("int*", eq.vnode.ctypes.data),
                                  ffi.cast("unsigned char*", eq.is_cap.ctypes.data),
                                  len(eq.mechs), eq.cmechs,
                                  ffi.cast("double*", eq.atolscale.ctypes.data),
                                  len(cells) - 1, ffi.cast("int*", cells.ctypes.data)))
        self.version = model.version
        self.dirty = False
        self.c.structure_ok = 1
        recording._state["dirty"] = True   # cell time addresses (local step) moved
        recording.sync()

    def uses_dae(self) -> bool:
        """The global step in NEURON's DAE form (IDA): use_daspk, or a model with
        extracellular (NEURON switches to it automatically)."""
        if self.settings["use_daspk"]:
            return True
        return equations.has_algebraic_parts(model.built)

    def cell_time_ref(self, ref):
        """A reference to the time of the cell that owns ref (local step)."""
        from ..refs import Ref
        from . import owners
        self.sync()
        cell = max(owners.owner(model.built, self._cells, ref.current_address()), 0)

        def locate():
            c = self.c
            if c.nlcv == 0 or c.lcv == ffi.NULL:   # back to the global step: global t
                buf = ffi.buffer(ffi.addressof(eng.ctx, "t"), 8)
            else:
                buf = ffi.buffer(ffi.addressof(c.lcv[min(cell, c.nlcv - 1)], "t_"), 8)
            return np.frombuffer(buf, dtype=np.float64), 0
        return Ref(locate, "cell t")

    def blocks_changed(self) -> None:
        """An ODE block (nrn_cvode_block_register) came or went: new equation map."""
        self.dirty = True

    def _owners(self) -> None:
        """Local step: the cell owning each record, play and threshold source."""
        if not self.settings["use_local_dt"]:
            return
        from . import owners
        self._own = owners.compute(model.built, self._cells)
        c = self.c
        (c.rec_owner, c.nrec_owner), (c.play_owner, c.nplay_owner), \
            (c.ps_owner, c.nps_owner) = [(ffi.cast("int*", a.ctypes.data), len(a))
                                         for a in self._own]

    def _breakpoints(self) -> None:
        """Times of continuous Vector.play samples: the integrator restarts at each (NEURON
        posts an event at every time of a continuous play)."""
        times = []
        for vec, ref, dt, tvec, cont in recording._plays:
            if cont and tvec is not None:
                times.append(np.asarray(tvec.as_numpy(), dtype=float))
        if times:
            t = np.unique(np.concatenate(times))
            self._brk = np.ascontiguousarray(t)
            lib.nrn_cvode_set_breakpoints(ffi.cast("double*", self._brk.ctypes.data), len(t))
        else:
            lib.nrn_cvode_set_breakpoints(ffi.NULL, 0)

    # ------------------------------------------------------------- simulation

    def initialize(self) -> None:
        """The end of finitialize under CVode (NEURON's cvode_finitialize)."""
        self.dirty = self.dirty or self.scales_dirty
        self.scales_dirty = False
        self.sync()
        self._owners()
        self._breakpoints()
        check(lib.nrn_cvode_finitialize())

    def re_init(self) -> None:
        self.dirty = self.dirty or self.scales_dirty
        self.scales_dirty = False
        self.sync()
        self._owners()
        check(lib.nrn_cvode_re_init())

    def _prepare_run(self) -> None:
        if self.version != model.version or self.dirty or model.structure_dirty \
                or model.geometry_dirty:
            self.re_init()
        else:
            recording.sync()
            self._owners()

    def fadvance(self) -> float:
        self._prepare_run()
        check(lib.nrn_cvode_fadvance())
        return 1.0

    def solve(self, tout: Optional[float] = None) -> float:
        self._prepare_run()
        eng.stoprun &= ~lib.NRN_CVODE_TSTOP_BIT
        try:
            check(lib.nrn_cvode_solve(-1.0 if tout is None else float(tout)))
        finally:
            eng.stoprun &= ~lib.NRN_CVODE_TSTOP_BIT
        return 0.0

    def run_until(self, tstop: float) -> None:
        self._prepare_run()
        check(lib.nrn_cvode_run_until(float(tstop)))

    def steps_until(self, ts: float, nstep: int) -> None:
        """nstep single steps at a time while t < ts (stdrun unaware of CVode)."""
        self._prepare_run()
        check(lib.nrn_cvode_steps_until(float(ts), int(nstep)))

    # ---------------------------------------------------------------- vectors

    def states(self) -> np.ndarray:
        if not self.active or self.eq is None:
            return np.zeros(0)
        y = np.zeros(max(self.eq.neq, 1))
        lib.nrn_cvode_gather(ffi.cast("double*", y.ctypes.data))
        return y[:self.eq.neq]

    def dstates(self) -> np.ndarray:
        if not self.active or self.eq is None:
            return np.zeros(0)
        yd = np.zeros(max(self.eq.neq, 1))
        lib.nrn_cvode_dstates(ffi.cast("double*", yd.ctypes.data))
        return yd[:self.eq.neq]

    def fun(self, t: float, y: np.ndarray) -> np.ndarray:
        self.sync()
        if len(y) != self.eq.neq:
            raise NeuronError("size of state vector != number of state equations")
        y = np.ascontiguousarray(y, dtype=float).copy()
        yd = np.zeros(max(self.eq.neq, 1))
        check(lib.nrn_cvode_fun(float(t), ffi.cast("double*", y.ctypes.data),
                                ffi.cast("double*", yd.ctypes.data)))
        return yd[:self.eq.neq]


controller = Controller()
