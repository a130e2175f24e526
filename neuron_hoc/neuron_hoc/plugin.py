"""neuron-hoc's registration with the `neuron` plugin system."""
from __future__ import annotations

import os

import pluggy

hookimpl = pluggy.HookimplMarker("neuron")

_HERE = os.path.dirname(os.path.abspath(__file__))


@hookimpl
def neuron_make_interpreter():
    from .top import get_h
    return get_h()


@hookimpl
def neuron_register_commands(register):
    from .cli import main
    register("nrniv", main)
    register("nrngui", main)


@hookimpl
def neuron_register_hoc_library(register):
    register(os.path.join(_HERE, "lib", "hoc"))


@hookimpl
def neuron_register_tests(register):
    register("core", os.path.join(_HERE, "tests"))


@hookimpl
def neuron_register_api(register):
    from .top import hclass
    register("hclass", hclass)


@hookimpl
def neuron_register_submodules(register):
    register("hoc", "neuron_hoc.hocmodule")
    register("gui", "neuron_hoc.gui")
