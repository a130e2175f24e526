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
        # the loops below run the engine directly: HOC variables it played (Vector.play(&x))
        # take their values when it returns, as after simulation.run_until
        from neuron_core.refs import push_external
    except ImportError:
        define(interp, "stdrun_fixed_step_in_engine_", lambda tstop, nstep: 0.0)
        define(interp, "stdrun_variable_step_in_engine_", lambda tstop: 0.0)
        return
    box = VarBox(_StopRun(simulation))
    G["_bo_stoprun"] = box
    interp.builtins.add(Sym("stoprun", "bvar", "B", value=(box, "v")))

    def graphs_empty() -> bool:
        """No graph in stdrun's lists wants points (screenless Graphs draw nothing)."""
        from .gui import HeadlessGUI
        lists = list(G.get("h_graphList") or ()) + [G.get("h_flush_list")]
        for lst in lists:
            if lst is not None and lst.count():
                if not all(isinstance(lst.o(i), HeadlessGUI) for i in range(int(lst.count()))):
                    return False
        return True

    def stdrun_own_loop() -> bool:
        """advance() and step() are stdrun's and no graph wants points: the engine may loop."""
        return (G.get("h_advance") is saved.get("advance") and
                G.get("h_step") is saved.get("step") and graphs_empty())

    def fixed_step(tstop, nstep) -> float:
        """1 when the run to tstop was done here; 0 to let the HOC loop do it.  With CVode
        switched on directly (stdrun's using_cvode_ is 0) each fadvance is one CVode step."""
        if not stdrun_own_loop():
            return 0.0
        nstep = int(nstep)
        if simulation.variable_step is not None:
            try:
                simulation.variable_step.steps_until(tstop - neuron_core.model.dt / 2, nstep)
            finally:
                push_external()
            return 1.0
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

    def variable_step(tstop) -> float:
        """continuerun with cvode_active(): the stop event, steps to tstop and the step that
        delivers it, in the engine; 0 to let the HOC loop do it."""
        if not stdrun_own_loop() or simulation.variable_step is None:
            return 0.0
        try:
            simulation.variable_step.run_until(float(tstop))
        finally:
            push_external()
        return 1.0

    define(interp, "stdrun_fixed_step_in_engine_", fixed_step)
    define(interp, "stdrun_variable_step_in_engine_", variable_step)
