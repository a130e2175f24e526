"""Models run with rxd and compared with NEURON 9.0.2's results for the same models
(tests/models.py; reference data in tests/data/reference.json)."""
import json
import os

import pytest

import neuron_rxd as rxd

from . import models

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "reference.json")) as f:
    REFERENCE = json.load(f)


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_model_matches_neuron(name, sim, mechs):
    out = models.MODELS[name](sim, rxd)
    bad = models.compare({k: [float(x) for x in v] for k, v in out.items()}, REFERENCE[name])
    assert not bad, bad
