"""Calling a mechanism's FUNCTIONs and PROCEDUREs from Python and HOC.

The call runs on one instance: the point process itself, the segment's instance (`seg.hh.rates`),
or for `h.rates_hh(...)` the instance chosen with `setdata_hh(x)` (else the currently accessed
section's, else a scratch instance holding default values).
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from .engine import check, eng, ffi, lib
from .errors import NeuronError
from .mechtype import MechType
from .model import model

_scratch = {}
_setdata = {}


def _scratch_mech(mt: MechType):
    """A one-instance nrn_mech of default values for calls with no instance."""
    s = _scratch.get(mt.name)
    if s is None:
        data = mt.defaults.reshape(-1, 1).copy()
        pp = np.full((max(mt.nslot, 1), 1), 0, dtype=np.uintp)
        from .pointers import unset_address
        pp[:] = unset_address()
        node = np.zeros(1, dtype=np.int32)
        m = ffi.new("nrn_mech*")
        m.n, m.stride, m.type = 1, 1, mt.type_index
        m.node = ffi.cast("int*", node.ctypes.data)
        m.pnt = ffi.NULL
        m.p = ffi.cast("double*", data.ctypes.data)
        m.pp = ffi.cast("double**", pp.ctypes.data)
        m.globals = ffi.cast("double*", mt.globals.ctypes.data)
        s = _scratch[mt.name] = (m, data, pp, node)
    return s[0]


_MAX_POINTED = 1 << 24   # elements read behind a pointer the engine cannot address


def _ref_extent(ref) -> tuple:
    """(address, doubles readable from it) of an engine reference."""
    arr, i = ref._array_index()
    if arr.ndim != 1 or arr.dtype != np.float64:
        raise NeuronError("internal: reference to a non-float64 or multi-dimensional array")
    addr = arr.ctypes.data + i * arr.strides[0]
    return addr, (arr.shape[0] - i) if arr.strides[0] == 8 else 1


def _pointed_values(p) -> np.ndarray:
    """The values behind a pointer the engine cannot address (a HOC `&x`, `&a[i]`,
    h.ref(number)): p[0], p[1], ... as far as p reaches."""
    vals = []
    while len(vals) < _MAX_POINTED:
        try:
            vals.append(float(p[len(vals)]))
        except (IndexError, KeyError, TypeError, ValueError, NeuronError):
            break
    return np.array(vals, dtype=np.float64)


def call(mt: MechType, name: str, args, m, row: int, owner=None) -> float:
    """Run FUNCTION/PROCEDURE `name` on instance `row` of m.  Numbers go to getarg; strings
    to gargstr; Vectors to vector_arg; pointers (`_ref_` references, HOC `&x`) to getarg as
    their value and to pgetarg as their address (values behind HOC pointers are copied to a
    buffer for the call and copied back when the mechanism changed them); Random objects to
    random_arg (`owner`, the point process, then keeps them alive: VERBATIM code stores the
    handle to pick from later)."""
    from .pointer import is_pointer
    from .refs import Ref, pull_external, push_external
    entry = mt.fn_ptrs.get(name)
    if entry is None:
        raise NeuronError("%s has no FUNCTION or PROCEDURE %s" % (mt.name, name))
    if len(args) < entry.nargs:
        raise NeuronError("%s_%s: not enough arguments (%d needed, %d given)"
                          % (name, mt.suffix or mt.name, entry.nargs, len(args)))
    n = max(len(args), entry.nargs, 1)  # extra arguments reach VERBATIM code (ifarg/getarg)
    nums = np.zeros(n)
    vecs = ffi.new("nrn_vec*[]", n)
    strs = ffi.new("char*[]", n)
    ptrs = np.zeros(n, dtype=np.uintp)
    sizes = np.zeros(n, dtype=np.int64)
    keep = []
    rands = None
    copied = []      # (pointer, buffer, values before the call)
    refs = False
    for i, a in enumerate(args):
        if isinstance(a, str):
            b = ffi.new("char[]", a.encode())
            keep.append(b)
            strs[i] = b
        elif hasattr(a, "_cv"):
            vecs[i] = a._cv
        elif getattr(a, "_random_handle", None) is not None:
            if rands is None:
                rands = ffi.new("void*[]", n)
            rands[i] = a._random_handle
            if owner is not None:
                owner.__dict__.setdefault("_randoms_held", {})[name, i] = a
        elif isinstance(a, Ref):
            if not refs:
                refs = True
                pull_external()
            ptrs[i], sizes[i] = _ref_extent(a)
            nums[i] = a.value
        elif is_pointer(a):
            buf = _pointed_values(a)
            if not len(buf):
                raise NeuronError("%s_%s: argument %d is a pointer to nothing readable"
                                  % (name, mt.suffix or mt.name, i + 1))
            copied.append((a, buf, buf.copy()))
            ptrs[i], sizes[i] = buf.ctypes.data, len(buf)
            nums[i] = buf[0]
        else:
            nums[i] = float(a)
    lib.nrn_set_call_args(len(args), ffi.cast("double*", nums.ctypes.data), vecs, strs,
                          ffi.cast("double**", ptrs.ctypes.data),
                          ffi.cast("int64_t*", sizes.ctypes.data))
    lib.nrn_set_call_randoms(rands if rands is not None else ffi.NULL)
    try:
        result = entry.fn(ffi.addressof(eng.ctx), m, row, ffi.cast("double*", nums.ctypes.data))
    finally:
        lib.nrn_set_call_args(0, ffi.NULL, ffi.NULL, ffi.NULL, ffi.NULL, ffi.NULL)
        lib.nrn_set_call_randoms(ffi.NULL)
        for p, buf, before in copied:
            for k in np.nonzero(buf != before)[0]:
                p[int(k)] = float(buf[k])
        if refs:
            push_external()
    check()
    return float(result)


def bound_function(mt: MechType, name: str, seg) -> Callable[..., float]:
    """`seg.hh.rates` -> callable running on that segment's instance."""
    def fn(*args):
        model.ensure_built()
        idx = model.built.mech_index[mt.name]
        row = seg._mech_row(mt)
        return call(mt, name, args, ffi.addressof(model.built.entries[idx], "m"), row)
    fn.__name__ = name
    return fn


def pp_function(pp, name: str) -> Callable[..., float]:
    mt = pp._mt

    def fn(*args):
        model.ensure_built()
        idx = model.built.mech_index[mt.name]
        return call(mt, name, args, ffi.addressof(model.built.entries[idx], "m"), pp._row, pp)
    fn.__name__ = name
    return fn


def global_function(mt: MechType, name: str) -> Callable[..., float]:
    """`h.rates_hh(v)`: on the setdata instance, else the cas instance, else a scratch one."""
    def fn(*args):
        target = _setdata.get(mt.name)
        if target is not None:
            sec, x = target
            if not sec._deleted and mt.name in sec._mechs:
                return bound_function(mt, name, sec(x))(*args)
        try:
            sec = model.cas()
        except NeuronError:
            sec = None
        if sec is not None and mt.name in sec._mechs:
            return bound_function(mt, name, sec(0.5))(*args)
        return call(mt, name, args, _scratch_mech(mt), 0)
    fn.__name__ = "%s_%s" % (name, mt.suffix)
    return fn


def setdata(mt: MechType, sec, x: float) -> None:
    if mt.name not in sec._mechs:
        raise NeuronError("%s not inserted in %s" % (mt.name, sec.name()))
    _setdata[mt.name] = (sec, x)
