"""The link with the engine: the C model the engine steps, and the pointers it holds.

One `rxd_model` lives for the whole process; it is registered once as a non-voltage block of
the engine's step and refilled at each setup.  Pointers into the engine's data (ion currents,
concentrations, membrane potentials) are kept as references and re-resolved after every
rebuild of the engine's model.
"""
from __future__ import annotations

from typing import Callable, Dict, List

import numpy

from neuron_core import nonvint
from neuron_core.model import model as _nrn_model

from ._solver import ffi, lib

_cmodel = ffi.new("rxd_model*")
_registered = {"id": None}
_keep: List = []                 # arrays and cffi objects the C model points into
_pointer_tables: List[tuple] = []  # (uintp array, [Ref]) re-resolved after rebuilds
_py_sources: Dict[int, Callable] = {}

assert (lib.RXD_PHASE_CURRENT, lib.RXD_PHASE_SOLVE) == (nonvint.CURRENT, nonvint.SOLVE), \
    "rxd and the engine disagree on the non-voltage block phases"


@ffi.def_extern()
def rxd_py_source(ident):
    """A Python include_flux source (called by C once per step and node)."""
    try:
        return float(_py_sources[ident]())
    except Exception as exc:  # stop the run; the engine re-raises it
        from neuron_core import engine
        engine._pending_exception.append(exc)
        engine.lib.nrn_error(b"node.include_flux callback failed", ffi.NULL)
        return 0.0


def _address(name: str) -> int:
    return int(ffi.cast("uintptr_t", ffi.addressof(lib, name)))


def register() -> None:
    """Join the engine's step and its variable-step integrator (once per process); tell the
    integrator its equations may have changed."""
    if _registered["id"] is None:
        _registered["id"] = nonvint.register(_address("rxd_nonvint"),
                                             int(ffi.cast("uintptr_t", _cmodel)))
    from neuron_core.engine import ffi as eng_ffi, lib as eng_lib
    from neuron_core.variable_step import controller
    if _registered.get("block") is None:
        blk = eng_ffi.new("nrn_cvode_block*")
        blk.count = eng_ffi.cast("int(*)(void*)", _address("rxd_cv_count"))
        blk.states = eng_ffi.cast("void(*)(void*, double*)", _address("rxd_cv_states"))
        blk.fun = eng_ffi.cast("int(*)(void*, double, double*, double*)", _address("rxd_cv_fun"))
        blk.solve = eng_ffi.cast("int(*)(void*, double, double*, double*)",
                                 _address("rxd_cv_solve"))
        blk.atol = eng_ffi.cast("void(*)(void*, double*)", _address("rxd_cv_atol"))
        blk.data = eng_ffi.cast("void*", int(ffi.cast("uintptr_t", _cmodel)))
        if eng_lib.nrn_cvode_block_register(blk) < 0:
            raise RuntimeError("the engine has no room for rxd's variable-step block")
        _registered["block"] = blk
    controller.blocks_changed()


def engine_dt_address() -> int:
    """Address of the engine's dt (the variable step method sets it to its current step)."""
    from neuron_core.engine import eng, ffi as eng_ffi
    return int(eng_ffi.cast("uintptr_t", eng_ffi.addressof(eng.ctx, "dt")))


def keep(obj):
    _keep.append(obj)
    return obj


def darr(a) -> "ffi.CData":
    """double* into a float64 array (kept alive)."""
    a = keep(numpy.ascontiguousarray(a, dtype=numpy.float64))
    return ffi.cast("double*", a.ctypes.data)


def iarr(a) -> "ffi.CData":
    a = keep(numpy.ascontiguousarray(a, dtype=numpy.int32))
    return ffi.cast("int*", a.ctypes.data)


def ptr_table(refs: list) -> "ffi.CData":
    """double** of the addresses of refs, re-resolved after every rebuild."""
    arr = numpy.zeros(max(len(refs), 1), dtype=numpy.uintp)
    _pointer_tables.append((arr, list(refs)))
    _resolve(arr, refs)
    keep(arr)
    return ffi.cast("double**", arr.ctypes.data)


def _resolve(arr: numpy.ndarray, refs: list) -> None:
    for k, r in enumerate(refs):
        arr[k] = 0 if r is None else r.current_address()


def refresh_pointers() -> None:
    for arr, refs in _pointer_tables:
        _resolve(arr, refs)


_generation = [0]


def generation() -> int:
    """Changes whenever the C model's arrays are dropped (handles into them go stale)."""
    return _generation[0]


def clear() -> None:
    """Empty the C model (nothing to do each step) and forget its arrays."""
    _generation[0] += 1
    m = _cmodel
    m.n = 0
    m.ncur = m.nconc = m.ngroup = m.ngrid = m.nics = m.nzvi = m.necsgroup = 0
    m.flux.n = 0
    m.membrane_flux = 0
    m.cv_atol = ffi.NULL
    m.diffusion = 0
    _keep.clear()
    _pointer_tables.clear()
    _py_sources.clear()


def model_ref():
    return _cmodel


def nrn_model():
    return _nrn_model
