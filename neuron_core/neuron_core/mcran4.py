"""mcell_ran4(&highindex), mcell_ran4_init([lowindex]) and use_mcell_ran4([0|1]): NEURON's
MCellRan4 generator as HOC functions, and the switch that makes scop_random in mechanisms
(scop_random, exprand, normrand, poisrand) draw from it."""
from __future__ import annotations

from .engine import eng, ffi, lib
from .errors import NeuronError
from .pointer import as_pointer

_scop = {"default": None, "on": False}


def mcell_ran4(highindex, *ignored) -> float:
    """A uniform pick in [0, 1) for the 32-bit highindex the pointer holds, which advances by one."""
    p = as_pointer(highindex)
    high = ffi.new("uint32_t*", _uint32(p[0]))
    x = lib.nrn_mcran4_pick(high)
    p[0] = float(high[0])
    return float(x)


def mcell_ran4_init(*low) -> float:
    """Returns the low index in use; with an argument, sets it (returning the previous one)."""
    prev = float(lib.nrn_mcran4_get_lowindex())
    if low:
        lib.nrn_mcran4_set_lowindex(_uint32(low[0]))
    return prev


def use_mcell_ran4(*on) -> float:
    """Returns whether scop_random uses MCellRan4; with 0 or 1, switches (returning the previous)."""
    prev = 1.0 if _scop["on"] else 0.0
    if on:
        flag = int(on[0])
        if flag not in (0, 1):
            raise NeuronError("use_mcell_ran4 takes 0 or 1")
        if _scop["default"] is None:
            _scop["default"] = eng.api.scop_random
        eng.api.scop_random = ffi.addressof(lib, "nrn_mcran4_scop") if flag else _scop["default"]
        _scop["on"] = bool(flag)
    return prev


def _uint32(x) -> int:
    """C's conversion of a double index to uint32_t for the values NEURON accepts."""
    v = int(float(x))
    return v % 4294967296
