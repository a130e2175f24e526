"""Engine support for stdrun.hoc: `stoprun` shared with the engine, and continuerun's
fixed-step loop run in C while advance() and step() are stdrun's own."""
from __future__ import annotations

from ..symbols import Sym
from . import define
from .engine import VarBox


class _StopRun:
    """`stoprun`: the engine's flag (a CVode.event callback may set it during a run)."""

    def __init__(self, simulation):
        self.sim = simulation
        self.set = self._set

    def get(self) -> float:
        return float(self.sim.stoprun())

    def _set(self, v) -> None:
        self.sim.stoprun(v)

    def ref(self):
        raise RuntimeError("can not take a pointer to stoprun")


def install(interp) -> None:
    G = interp.G
    saved = {}

    def remember() -> float:
        saved["advance"] = G.get("h_advance")
        saved["step"] = G.get("h_step")
        return 0.0

    define(interp, "stdrun_remember_", remember)
    try:
        import neuron_core
        from neuron_core import simulation
    except ImportError:
        define(interp, "stdrun_fixed_step_in_engine_", lambda tstop, nstep: 0.0)
        return
    box = VarBox(_StopRun(simulation))
    G["_bo_stoprun"] = box
    interp.builtins.add(Sym("stoprun", "bvar", "B", value=(box, "v")))

    def graphs_empty() -> bool:
        lists = list(G.get("h_graphList") or ()) + [G.get("h_flush_list")]
        for lst in lists:
            if lst is not None and lst.count():
                return False
        return True

    def fixed_step(tstop, nstep) -> float:
        """1 when the run to tstop was done here; 0 to let the HOC loop do it."""
        if G.get("h_advance") is not saved.get("advance") or \
                G.get("h_step") is not saved.get("step") or not graphs_empty():
            return 0.0
        nstep = int(nstep)
        if nstep <= 1:
            neuron_core.run_until(float(tstop))
            return 1.0
        model = neuron_core.model
        ts = tstop - model.dt / 2
        fadvance = neuron_core.fadvance
        while model.t < ts and not simulation.stoprun():
            for _ in range(nstep):
                fadvance()
        return 1.0

    define(interp, "stdrun_fixed_step_in_engine_", fixed_step)
