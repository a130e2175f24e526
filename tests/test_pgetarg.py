"""pgetarg (hoc_pgetarg) through the engine: FUNCTION_TABLE's table_<name>(y, n, ...) given
addresses (`vec._ref_x[0]`, numpy_element_ref, HOC `&y[0]` and `&vec.x[0]`) and a VERBATIM
procedure writing through hoc_pgetarg (to Vector elements, a numpy array, seg._ref_v,
h.ref(x), HOC arrays and scalars), against the numbers NEURON 9.0.2 prints for the same
calls (data/pgetarg/calls.py, reference.json made by data/pgetarg/make_reference.py)."""
import json
import os

import pytest

from .fresh_process import run_with_library

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data", "pgetarg")
REF = json.load(open(os.path.join(DATA, "reference.json")))


def mech_library():
    from neuron_nmodl.build import compile_mod_files
    return compile_mod_files([os.path.join(DATA, "ftab.mod")])


def run_in_fresh_process(body: str) -> dict:
    return run_with_library(mech_library(), body, DATA)


@pytest.fixture(scope="module")
def results():
    return run_in_fresh_process("import calls\nout = calls.run(h, numpy_element_ref)")


@pytest.mark.parametrize("key", sorted(REF))
def test_same_numbers_as_neuron(results, key):
    assert results[key] == REF[key]


def test_short_arrays_are_errors_not_reads_past_the_end():
    out = run_in_fresh_process("""
y = h.Vector([1.0, 2, 3, 4, 5])
x = h.Vector([0.0, 1, 2])
for name, args in (("table", (y._ref_x[3], 5, 0, 4)),        # 2 values from y[3] on
                   ("points", (y._ref_x[0], 5, x._ref_x[0])),  # x has 3 points
                   ("vector", (y, 8, 0, 1))):
    try:
        h.table_tau1_ftab(*args)
        out[name] = "no error"
    except RuntimeError as e:
        out[name] = str(e)
try:
    h.get1_ftab(1.0)
    out["after"] = "no error"
except RuntimeError as e:
    out["after"] = str(e)
h.table_tau1_ftab(y._ref_x[0], 5, 0, 4)
out["again"] = h.get1_ftab(1.0)
""")
    assert "argument 1 of table_tau1 has 2 values, 5 needed" in out["table"]
    assert "argument 3 of table_tau1 has 3 values, 5 needed" in out["points"]
    assert "argument 1 of table_tau1 has 5 values, 8 needed" in out["vector"]
    assert "table not specified" in out["after"]     # a failed table_ leaves none
    assert out["again"] == 2.0


def test_numbers_are_not_addresses():
    out = run_in_fresh_process("""
try:
    h.table_tau1_ftab(3.0, 5, 0, 4)
    out["number"] = "no error"
except RuntimeError as e:
    out["number"] = str(e)
h.table_tau1_ftab(7.5)                      # the constant form takes a number
out["constant"] = h.get1_ftab(-2)
""")
    assert "first argument must be an address or a Vector" in out["number"]
    assert out["constant"] == 7.5
