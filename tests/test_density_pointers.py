"""POINTERs of density mechanisms, set per segment from Python (`h.setpointer(ref, 'src',
seg.mech)`, `seg.mech._ref_src = ref`) and HOC (`setpointer src_mech(x), v(y)` and
`setpointer sec.src_mech(x), ...`), even before the model was ever built; numbers as
NEURON 9.0.2 prints them for the same script."""
import os

import pytest

from .fresh_process import run_with_library

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "density_pointer")

BODY = """
a = h.Section(name="a"); b = h.Section(name="b"); b.nseg = 3
b.insert("dptrtwice")
a.v = -40
h.setpointer(a(0.5)._ref_v, "src", b(0.5).dptrtwice)
b(1/6).dptrtwice._ref_src = a(0.5)._ref_v
b(5/6).dptrtwice._ref_src = b(1/6)._ref_v
h("create c")
h("c { nseg = 2 insert dptrtwice }")
h("c { setpointer src_dptrtwice(0.3), v(0.8) }")
h("setpointer c.src_dptrtwice(0.7), c.v(0.2)")
h.finitialize(-65)
out["init"] = [s.dptrtwice.y for s in b] + [s.dptrtwice.y for s in h.c]
a(0.5).v = -30
h.c(0.8).v = -20
h.fadvance()
out["step"] = [s.dptrtwice.y for s in b] + [s.dptrtwice.y for s in h.c]
"""


@pytest.fixture(scope="module")
def results():
    from neuron_nmodl.build import compile_mod_files
    lib = compile_mod_files([os.path.join(DATA, "dptrtwice.mod")])
    return run_with_library(lib, BODY, DATA)


def test_pointers_set_before_the_first_build(results):
    assert results["init"] == [-65.0] * 5


def test_each_segment_reads_its_own_pointer(results):
    want = [-60.00000000000261, -60.00000000000261, -130.0, -84.93637009993118, -85.06362990005422]
    assert results["step"] == pytest.approx(want, rel=1e-12)
