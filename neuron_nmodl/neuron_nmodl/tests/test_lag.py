"""LAG (t_lag.mod) against NEURON 9.0.2 (data/lag_reference.json, made by
data/make_lag_reference.py): the lagged value of v, which drives the current, and of an
ASSIGNED array, over two runs."""
import json
import os
import tempfile

import numpy as np
import pytest

from ..driver import translate
from ..errors import NmodlError
from .harness import Cell

REF = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "data",
                                  "lag_reference.json")))


def test_lag_matches_neuron(testlib):
    cell = Cell(testlib, 1, area=np.pi * 100)
    x = cell.insert("tlag")
    got = {"v": [], "y": [], "z": []}
    for run in range(2):
        cell.finitialize(-65)
        for _ in range(400):
            cell.fadvance()
            got["v"].append(cell.ctx.v[0])
            got["y"].append(x["y"][0])
            got["z"].append(x["z"][0])
    for k in got:
        assert np.max(np.abs(np.array(got[k]) - np.array(REF[k]))) < 1e-11, k
    # the lag is real: y follows v 0.3 ms (12 steps) behind, once the history spans it
    v, y = np.array(REF["v"][:400]), np.array(REF["y"][:400])
    assert abs(y[100] - v[100 - 12]) < abs(y[100] - v[100])


def test_lag_by_an_expression_is_an_error():
    src = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mod", "t_lag.mod")
    text = open(src).read().replace("LAG v BY tau", "LAG v BY w + 1")
    with tempfile.TemporaryDirectory() as d:
        p = os.path.join(d, "bad.mod")
        open(p, "w").write(text)
        with pytest.raises(NmodlError, match="CONSTANT or PARAMETER"):
            translate(p)
