"""Registers the standard mechanisms' .mod files with `neuron`."""
from typing import Callable

import pluggy

from . import mod_files

hookimpl = pluggy.HookimplMarker("neuron")


@hookimpl
def neuron_register_mechanisms(register: Callable[..., None]) -> None:
    """NEURON builds these in: a model file cannot define hh, pas, ExpSyn... again."""
    register("neuron_stdmech", mod_files(), builtin=True)
