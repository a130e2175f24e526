import glob
import os

import pluggy

hookimpl = pluggy.HookimplMarker("neuron")


@hookimpl
def neuron_register_mechanisms(register):
    here = os.path.dirname(os.path.abspath(__file__))
    register("neuron_demo_mechs", sorted(glob.glob(os.path.join(here, "mod", "*.mod"))))
