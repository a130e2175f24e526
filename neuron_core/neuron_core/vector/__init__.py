"""NEURON's Vector class.

`Vector` owns a numpy float64 buffer that the engine fills directly while recording (see
`_storage`).  The methods are grouped by job in the private modules; `hooks` lets the HOC
interpreter provide function lookup and float_epsilon; `textscan` reads numbers from text
the way HOC does (also used by the File class).
"""
from ._vector import Vector
from .hooks import float_epsilon, set_float_epsilon_getter, set_hoc_function_resolver

__all__ = ["Vector", "set_hoc_function_resolver", "set_float_epsilon_getter", "float_epsilon"]
