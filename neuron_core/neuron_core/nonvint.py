"""Registering compiled "non-voltage" blocks (reaction-diffusion) with the engine's step.

A block is a C function `void fn(nrn_ctx*, int phase, void* data)` compiled by the component
that owns it; its address (an int, e.g. from that component's own cffi module) is handed here.
Phases are NRN_NV_* in csrc/nonvint_api.h.  The engine calls blocks in C: no Python per step.
"""
from __future__ import annotations

from .engine import ffi, lib

INIT, CURRENT, CONDUCTANCE, SOLVE, STRUCTURE, TRANSFER = (
    lib.NRN_NV_INIT, lib.NRN_NV_CURRENT, lib.NRN_NV_COND, lib.NRN_NV_SOLVE, lib.NRN_NV_STRUCTURE,
    lib.NRN_NV_TRANSFER)


def register(fn_address: int, data_address: int = 0) -> int:
    """Add a block; returns its id (for unregister)."""
    ident = lib.nrn_nonvint_register(ffi.cast("nrn_nonvint_fn", fn_address),
                                     ffi.cast("void*", data_address))
    if ident < 0:
        raise RuntimeError("too many non-voltage blocks registered")
    return ident


def unregister(ident: int) -> None:
    lib.nrn_nonvint_unregister(ident)
