"""neuron_core's registration with the plugin system: its tests for neuron.test()."""
import os

import pluggy

hookimpl = pluggy.HookimplMarker("neuron")


@hookimpl
def neuron_register_tests(register):
    register("core", os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests"))


@hookimpl
def neuron_register_submodules(register):
    register("nrn", "neuron_core.nrn")
