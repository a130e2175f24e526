"""Produces reference.json with NEURON 9.0.2: run with NEURON's python in a folder where its
nrnivmodl has built thrlag.mod (and thrdisc.mod)."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from neuron import h  # noqa: E402

import cells  # noqa: E402

out = {"lag": {str(n): cells.lag_cells(h, n) for n in (1, 2, 4)}}
with open(os.path.join(HERE, "reference.json"), "w") as f:
    json.dump(out, f)
