"""neuron_rxd's registration with the plugin system: `neuron.rxd` / `neuron.crxd` and its tests."""
import os

import pluggy

hookimpl = pluggy.HookimplMarker("neuron")


@hookimpl
def neuron_register_submodules(register):
    register("rxd", "neuron_rxd")
    register("crxd", "neuron_rxd")


@hookimpl
def neuron_register_tests(register):
    register("rxd", os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests"))
