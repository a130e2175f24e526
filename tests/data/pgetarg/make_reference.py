"""Produces reference.json with NEURON 9.0.2: run with NEURON's python in a folder where its
nrnivmodl has built ftab.mod.

    cd <scratch>; cp <this folder>/ftab.mod .; nrnivmodl
    <NEURON python> <this folder>/make_reference.py
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from neuron import h, numpy_element_ref  # noqa: E402

import calls  # noqa: E402

with open(os.path.join(HERE, "reference.json"), "w") as f:
    json.dump(calls.run(h, numpy_element_ref), f, indent=0)
