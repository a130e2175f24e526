"""Mechanisms that are not thread safe (metadata thread_safe false) with ParallelContext.nthread:
as NEURON 9.0.2, the simulation refuses with "<name> is not thread safe" when the
mechanism's instances are in more than one thread (fixed step, serial threads and CVode
alike), and runs when they are all in one; LAG, which nocmodl counts as thread safe, gives
NEURON's numbers on 1, 2 and 4 threads (data/threads, reference.json made by
data/threads/make_reference.py)."""
import json
import os

import numpy as np
import pytest

from .fresh_process import run_with_library

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data", "threads")
REF = json.load(open(os.path.join(DATA, "reference.json")))


def run_in_fresh_process(body: str) -> dict:
    from neuron_nmodl.build import compile_mod_files
    lib = compile_mod_files([os.path.join(DATA, "thrdisc.mod"), os.path.join(DATA, "thrlag.mod")])
    return run_with_library(lib, body, DATA)


@pytest.fixture(scope="module")
def discrete():
    return run_in_fresh_process("""
def attempt(key, fn):
    try:
        fn()
        out[key] = "ok"
    except RuntimeError as e:
        out[key] = str(e)

pc = h.ParallelContext()
a = h.Section(name="a")
b = h.Section(name="b")
a.insert("thrdisc")
pc.nthread(2)
attempt("one_cell_has_it", lambda: (h.finitialize(-65), h.fadvance()))
b.insert("thrdisc")
attempt("both_cells", lambda: h.finitialize(-65))
attempt("fadvance", h.fadvance)
pc.nthread(2, 0)
attempt("serial_threads", lambda: h.finitialize(-65))
pc.nthread(2)
cv = h.CVode()
cv.active(1)
attempt("cvode", lambda: h.finitialize(-65))
cv.active(0)
pc.nthread(1)
attempt("one_thread", lambda: (h.finitialize(-65), h.fadvance()))
out["a"] = a(0.5).thrdisc.a
pc.nthread(2)
b.uninsert("thrdisc")
attempt("uninserted", lambda: (h.finitialize(-65), h.fadvance()))
pc.nthread(1)
""")


@pytest.mark.parametrize("key", ["both_cells", "fadvance", "serial_threads", "cvode"])
def test_refused_when_instances_are_in_two_threads(discrete, key):
    assert discrete[key] == "thrdisc is not thread safe"


@pytest.mark.parametrize("key", ["one_cell_has_it", "one_thread", "uninserted"])
def test_runs_when_instances_are_in_one_thread(discrete, key):
    assert discrete[key] == "ok"


def test_one_thread_runs_the_discrete_block(discrete):
    assert discrete["a"] > 1


def test_lag_on_threads_gives_neurons_numbers():
    out = run_in_fresh_process("""
sys_path = __import__("sys").path
sys_path.insert(0, ".")
import cells
out["lag"] = {str(n): cells.lag_cells(h, n) for n in (1, 2, 4)}
""")
    for n in ("1", "2", "4"):
        assert np.max(np.abs(np.array(out["lag"][n]) - np.array(REF["lag"][n]))) < 1e-11
