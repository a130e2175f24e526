"""Registers the standard mechanisms' .mod files with `neuron`."""
from typing import Callable, List

import pluggy

from . import mod_files

hookimpl = pluggy.HookimplMarker("neuron")


@hookimpl
def neuron_register_mechanisms(register: Callable[[str, List[str]], None]) -> None:
    register("neuron_stdmech", mod_files())
