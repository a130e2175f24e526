"""Running a gid network: minimum delay, initialization and `psolve`.

`psolve(tstop)` runs the fixed-step loop in C (`run_until`) for the number of steps NEURON
takes (floor of (tstop - t)/dt), or with CVode active integrates to tstop exactly; when the network spans ranks, the spike exchange event
(exchange.py) interrupts that loop once per minimum-delay interval, and one last exchange
follows, as in NEURON.  A failure on one rank is announced through the exchange so every
rank raises instead of waiting.
"""
from __future__ import annotations

from typing import Optional

import numpy as np

from ..errors import NeuronError
from ..model import model
from .. import simulation
from ..simulation import FInitializeHandler, fadvance, run_until
from . import validate, world
from .abort import watchdog
from .comm import MIN
from .exchange import RemoteFailure, spikes
from .gids import table


class NetParState:
    def __init__(self):
        self.mindelay = 0.0          # interval between exchanges (global minimum delay)
        self.last_maxstep = 0.0      # argument of the last set_maxstep
        self.initialized = False     # finitialize has run
        self.handler: Optional[FInitializeHandler] = None
        self.integ_time = 0.0


state = NetParState()


def ensure_init_hook() -> None:
    """Join finitialize (once per process): checks, minimum delay, spike exchange set-up."""
    if state.handler is None:
        state.handler = FInitializeHandler(0, _on_finitialize)


def _on_finitialize() -> None:
    state.initialized = False
    if not world.decided() and table.empty():
        state.initialized = True     # no network and MPI not chosen yet: nothing to set up
        return
    comm = world.net()
    validate.check_network(comm)
    if comm.size > 1:
        set_maxstep(state.last_maxstep or 100.0)
        fixed = simulation.variable_step is None
        if state.mindelay < 1e-9 or (fixed and state.mindelay < model.dt):
            raise NeuronError("usable mindelay is %g ms (less than dt = %g): a connection between "
                              "ranks has a delay shorter than the time step"
                              % (state.mindelay, model.dt))
        spikes.start(state.mindelay)
    else:
        spikes.stop()
    state.initialized = True


def set_maxstep(maxstep: float) -> float:
    """Smallest delay of the connections that span ranks (at most maxstep) on this rank; every
    rank then exchanges spikes at the global minimum."""
    maxstep = float(maxstep)
    state.last_maxstep = maxstep
    local = min([maxstep] + [d for d in table.input_netcon_delays()])
    comm = world.net()
    state.mindelay = comm.allreduce(np.array([local]), MIN)[0] if comm.size > 1 else local
    return local


def psolve(tstop: float) -> float:
    tstop = float(tstop)
    t = model.t
    dt = model.dt
    if not state.initialized:
        raise NeuronError("psolve(%g) called before finitialize(): initialize the model "
                          "(h.finitialize or h.stdinit) first" % tstop)
    if tstop < t:
        raise NeuronError("psolve(%g): tstop is earlier than the current time t = %g" % (tstop, t))
    cvode = simulation.variable_step
    if (state.mindelay < 1e-9) if cvode is not None else (state.mindelay - 1e-10 < dt):
        raise NeuronError("mindelay is %g (or less than dt for fixed step method): call "
                          "pc.set_maxstep(...) after the NetCon delays are set; it returns the "
                          "smallest delay of the connections between ranks" % state.mindelay)
    comm = world.net()
    spanning = comm.size > 1 and spikes.active
    tend = tstop * (1.0 + 1e-11)
    nstep = int((tend - t) / dt + 1e-9)
    if spanning:
        watchdog.arm(comm, lambda: "t = %g of psolve(%g)" % (model.t, tstop))
    w0 = comm.wtime()
    x0 = spikes.wait_time + spikes.send_time
    try:
        if cvode is not None:
            cvode.solve(tstop)
        elif nstep > 3:
            run_until(t + nstep * dt)
        else:
            while model.t <= tend - dt:
                fadvance()
                if stoprun_set():
                    break
        state.integ_time += comm.wtime() - w0 - (spikes.wait_time + spikes.send_time - x0)
        if spanning:
            spikes.exchange()
    except RemoteFailure:
        raise
    except BaseException as exc:
        if spanning:
            _announce(exc)
        raise
    finally:
        watchdog.disarm()
    return 0.0


def _announce(exc: BaseException) -> None:
    """Tell the other ranks (waiting in their next exchange) that this one failed."""
    try:
        spikes.exchange(failure="%s: %s" % (type(exc).__name__, exc))
    except RemoteFailure:
        pass


def stoprun_set() -> bool:
    from ..engine import eng
    return bool(eng.stoprun)


def clear() -> None:
    """gid_clear: forget the network checks and stop exchanging."""
    validate.forget()
    spikes.stop()


ensure_init_hook()
