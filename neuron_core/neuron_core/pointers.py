"""Addresses for POINTER and RANDOM slots of mechanism instances.

A POINTER is set by the user (`h.setpointer(ref, 'name', pp)` or `pp._ref_name = ref`) and kept as
a Ref by the instance's owner, so it is re-resolved at every rebuild.  An unset POINTER points
at a NaN cell, so a mechanism that reads it produces NaN rather than reading stray memory;
a POINTER only VERBATIM code uses is NULL until that code stores a handle there, which is then
kept across rebuilds (NEURON's `if (_p_ptr)` idiom).
"""
from __future__ import annotations

import numpy as np

from .engine import ffi
from .mechtype import MechType, SlotSpec
from .nmodlrandom import new_stream

_unset = np.full(64, np.nan)


def unset_address() -> int:
    return _unset.ctypes.data


def slot_addresses(mt: MechType, k: int, slot: SlotSpec, n: int) -> np.ndarray:
    out = np.full(n, unset_address(), dtype=np.uintp)
    for row in range(n):
        owner = mt.owner_of(row)
        ref = None
        if owner is None:
            continue
        if slot.kind == "random":
            out[row] = int(ffi.cast("uintptr_t", random_stream(owner, mt, slot.name, row)))
            continue
        getter = getattr(owner, "_slot_ref", None)
        if getter is not None:
            ref = getter(mt, slot.name, row)
        if ref is not None:
            out[row] = ref.address()
        elif slot.verbatim_only:
            # what the mechanism's VERBATIM code stored (a Vector handle...), NULL at first
            held = int(mt.pp[k, row])
            out[row] = 0 if held == unset_address() else held
    return out


def random_stream(owner, mt: MechType, name: str, row: int):
    """The stream of RANDOM variable `name` of the instance at `row` (made on first use)."""
    store = owner.__dict__.setdefault("_randoms", {})
    if mt.is_point:
        key = name
    else:
        key = (mt.name, name, row - owner._mechs[mt.name])
    st = store.get(key)
    if st is None:
        st = store[key] = new_stream()
    return st
