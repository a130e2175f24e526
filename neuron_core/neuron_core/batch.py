"""batch_save(&var, ...) and batch_run(tstop, tstep, "file"[, "comment"]): run to tstop and
write the chosen variables every tstep to a text file, without returning to the interpreter
between steps (NEURON's fadvance.cpp functions)."""
from __future__ import annotations

from typing import Any, List, Optional

from . import simulation
from .engine import check, eng, lib
from .errors import NeuronError
from .pointer import as_pointer

_saved: List[Any] = []


def batch_save(*ptrs) -> float:
    """batch_save(): start a new list; batch_save(ref, ...): add variables to it."""
    if not ptrs:
        _saved.clear()
        return 1.0
    for p in ptrs:
        if isinstance(p, str):
            raise NeuronError("batch_save needs pointers (_ref_ in Python, &var in HOC), "
                              "not the string %r" % p)
        _saved.append(as_pointer(p))
    return 1.0


def _line() -> str:
    return "".join(" %g" % float(p[0]) for p in _saved) + "\n"


def batch_run(tstop, tstep, filename: Optional[str] = None, comment: str = "") -> float:
    """Advance to tstop; the saved variables are written at the start and then at the first
    step past each multiple of tstep (NEURON compares with dt/4 of slack)."""
    tstop, tstep = float(tstop), float(tstep)
    for val, what in ((tstop, "tstop"), (tstep, "tstep")):
        if not 0.0 <= val <= 1e20:
            raise NeuronError("batch_run: %s = %g out of range [0, 1e20]" % (what, val))
    f = None
    if filename is not None:
        try:
            f = open(str(filename), "w")
        except OSError:
            raise NeuronError("Couldn't open batch file %s" % filename) from None
        f.write("%s\nbatch_run from t = %s to %s in steps of %s with dt = %s\n"
                % (comment, _g(eng.ctx.t), _g(tstop), _g(tstep), _g(eng.ctx.dt)))
    try:
        _write(f)
        if simulation.variable_step is not None:
            while eng.ctx.t < tstop:
                simulation.variable_step.run_until(eng.ctx.t + tstep)
                _write(f)
        else:
            _fixed(f, tstop, tstep)
    finally:
        if f is not None:
            f.close()
    return 1.0


def _fixed(f, tstop: float, tstep: float) -> None:
    ctx = eng.ctx
    tstep -= ctx.dt / 4.0
    tstop -= ctx.dt / 4.0
    tnext = ctx.t + tstep
    eng.stoprun = 0
    simulation._prepare()
    while ctx.t < tstop:
        check(lib.nrn_fixed_step())
        if ctx.t > tnext:
            _write(f)
            tnext = ctx.t + tstep
        if eng.stoprun:
            break


def _write(f) -> None:
    if f is not None:
        f.write(_line())


def _g(x: float) -> str:
    return "%g" % x
