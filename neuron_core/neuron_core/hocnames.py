"""Turning the name of a HOC variable ("soma.v(0.5)", "x", "t") into a pointer, as NEURON's
hoc_val_pointer does: the interpreter evaluates `&name` and hands the pointer to a built-in
function that keeps it."""
from __future__ import annotations

from typing import Any, List

from .errors import NeuronError

PROBE = "hoc_pointer_"      # NEURON's built-in of the same name and use
_caught: List[Any] = []


def probe(ptr) -> float:
    """hoc_pointer_(&name): the built-in the interpreter calls with `&name`; it keeps the
    pointer for `pointer_to` and returns 1, as NEURON's does."""
    _caught[:] = [ptr]
    return 1.0


def pointer_to(name: str):
    """A pointer (an engine Ref or the interpreter's pointer object) to the HOC variable `name`."""
    from .builtins import execute_hoc
    _caught.clear()
    try:
        execute_hoc("{%s(&%s)}" % (PROBE, name))
    except NeuronError:
        raise
    except Exception as e:
        raise NeuronError("%s: %s" % (name, e)) from None
    if not _caught:
        raise NeuronError("%s is not a variable" % name)
    return _caught.pop()


def run(stmt: str) -> None:
    """Execute a HOC statement (Pointer.assign's statement form)."""
    from .builtins import execute_hoc
    execute_hoc(stmt)


def set_hoc_ac(value: float) -> None:
    """hoc_ac_, the interpreter's scratch variable, which NEURON's statement callbacks read."""
    pointer_to("hoc_ac_")[0] = float(value)


def get_hoc_ac() -> float:
    return float(pointer_to("hoc_ac_")[0])
