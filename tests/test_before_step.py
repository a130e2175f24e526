"""BEFORE STEP blocks run where NEURON 9.0.2 runs them: before every fixed-step record, so at
the end of finitialize and in frecord_init too; with CVODE not at initialization."""
import os

import pytest

from .fresh_process import run_with_library

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "before_step")

BODY = """
s = h.Section(name="s")
s.insert("bstepcount")
def count():
    return [s(0.5).bstepcount.n, s(0.5).bstepcount.tlast]
for cv in (0, 1):
    h.CVode().active(cv)
    h.finitialize(-65)
    a = count()
    h.frecord_init()
    b = count()
    h.fadvance()
    out[str(cv)] = [a, b, count()]
"""


@pytest.fixture(scope="module")
def results():
    from neuron_nmodl.build import compile_mod_files
    lib = compile_mod_files([os.path.join(DATA, "bstepcount.mod")])
    return run_with_library(lib, BODY, DATA)


def test_fixed_step_runs_before_step_at_finitialize_and_frecord_init(results):
    # NEURON 9.0.2: (1, 0) after finitialize, (2, 0) after frecord_init, (3, 0.025) after a step
    assert results["0"] == [[1, 0], [2, 0], [3, pytest.approx(0.025, rel=1e-14)]]


def test_cvode_does_not_run_before_step_at_initialization(results):
    assert results["1"] == [[0, -1], [0, -1], [1, 0]]
