"""neuron_nmodl's hooks: compiling mechanism libraries and the nrnivmodl / mknrndll commands."""
from __future__ import annotations

from typing import Callable, List, Optional

import pluggy

hookimpl = pluggy.HookimplMarker("neuron")


@hookimpl
def neuron_compile_mechanisms(mod_files: List[str], output_dir: Optional[str]) -> str:
    from .build import compile_mod_files

    return compile_mod_files(mod_files, output_dir)


@hookimpl
def neuron_register_commands(register: Callable[[str, Callable[[List[str]], int]], None]) -> None:
    from .cli import main

    register("nrnivmodl", main)
    register("mknrndll", main)
