"""Math functions and constants (NEURON's hoc_init tables, with its argument checks).

`sqrt` and the trigonometric functions are Python's own (no wrapper in hot loops); a domain
error from them surfaces as "argument out of domain"."""
from __future__ import annotations

import math

from ..errors import HocError
from . import define, define_var

CONSTANTS = {
    "PI": math.pi, "E": math.e, "GAMMA": 0.57721566490153286060, "DEG": 57.29577951308232087680,
    "PHI": 1.61803398874989484820, "FARADAY": 96485.33212331001, "R": 8.31446261815324,
    "Avogadro_constant": 6.02214076e23,
}
VARIABLES = {"float_epsilon": 1e-11, "hoc_ac_": 0.0, "hoc_cross_x_": 0.0, "hoc_cross_y_": 0.0,
             "default_dll_loaded_": 0.0}


def install(interp) -> None:
    G = interp.G
    warned = [0]

    def range_warning(what: str) -> None:
        warned[0] += 1
        if warned[0] <= 5:
            interp.warning("%s result out of range" % what)
            if warned[0] == 5:
                interp.warning("No more errno warnings during this execution")

    def log(x):
        if x > 0.0:
            return math.log(x)
        if x == 0.0:
            range_warning("log")
            return -math.inf
        raise HocError("log argument out of domain")

    def log10(x):
        if x > 0.0:
            return math.log10(x)
        if x == 0.0:
            range_warning("log10")
            return -math.inf
        raise HocError("log10 argument out of domain")

    def exp(x):
        if x < -700.0:
            return 0.0
        if x > 700.0:
            range_warning("exp")
            return math.exp(700.0)
        return math.exp(x)

    def integer(x):
        e = G["h_float_epsilon"]
        return float(int(x - e)) if x < 0 else float(int(x + e))

    for name, fn in (("sin", math.sin), ("cos", math.cos), ("atan", math.atan),
                     ("tanh", math.tanh), ("abs", math.fabs), ("erf", math.erf),
                     ("erfc", math.erfc), ("atan2", math.atan2), ("sqrt", math.sqrt)):
        define(interp, name, fn, "pure")
    for name, fn in (("log", log), ("log10", log10), ("exp", exp), ("int", integer)):
        define(interp, name, fn, "pure")
    for name, value in CONSTANTS.items():
        define_var(interp, name, value)
    for name, value in VARIABLES.items():
        define_var(interp, name, value)

