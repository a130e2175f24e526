"""Metadata thread_safe / thread_unsafe: NEURON's judgement of whether a mechanism may run on
several threads.  Each case below was translated by NEURON 9.0.2's nocmodl; `safe` is its
`_vectorized` and the reason its notice."""
import os
import tempfile

import pytest

from ..driver import translate

CASES = [
    ("verbatim", "NEURON { SUFFIX x }\nPROCEDURE p() {\nVERBATIM\n int q = 1;\nENDVERBATIM\n}",
     False, "VERBATIM blocks are not thread safe"),
    ("verbatim_threadsafe",
     "NEURON { SUFFIX x THREADSAFE }\nPROCEDURE p() {\nVERBATIM\n int q = 1;\nENDVERBATIM\n}",
     True, None),
    ("verbatim_then_threadsafe",
     "NEURON { SUFFIX x }\nPROCEDURE p() {\nVERBATIM\n int q = 1;\nENDVERBATIM\n}\n"
     "NEURON { THREADSAFE }", False, "VERBATIM blocks are not thread safe"),
    ("verbatim_top", "VERBATIM\n#include <stdlib.h>\nENDVERBATIM\nNEURON { SUFFIX x THREADSAFE }",
     False, "VERBATIM blocks are not thread safe"),
    ("global_assigned", "NEURON { SUFFIX x GLOBAL g }\nASSIGNED { g }\nBREAKPOINT { g = 1 }",
     False, 'Assignment to the GLOBAL variable, "g", is not thread safe'),
    ("global_parameter_assigned",
     "NEURON { SUFFIX x GLOBAL g }\nPARAMETER { g = 1 }\nINITIAL { g = 2 }",
     False, 'Assignment to the GLOBAL variable, "g", is not thread safe'),
    ("global_in_net_receive",
     "NEURON { POINT_PROCESS x GLOBAL g }\nASSIGNED { g }\nNET_RECEIVE (w) { g = w }",
     False, 'Assignment to the GLOBAL variable, "g", is not thread safe'),
    ("global_threadsafe_later",
     "NEURON { SUFFIX x GLOBAL g }\nASSIGNED { g }\nBREAKPOINT { g = 1 }\nNEURON { THREADSAFE }",
     True, None),
    ("global_shadowed_by_local",
     "NEURON { SUFFIX x GLOBAL g }\nASSIGNED { g }\nPROCEDURE p() { LOCAL g\n g = 1 }", True, None),
    ("global_shadowed_by_argument",
     "NEURON { SUFFIX x GLOBAL g }\nASSIGNED { g }\nPROCEDURE p(g) { g = 1 }", True, None),
    ("parameter_not_declared_global",
     "NEURON { SUFFIX x }\nPARAMETER { k = 1 }\nINITIAL { k = 2 }", True, None),
    ("pointer", "NEURON { SUFFIX x POINTER p }\nASSIGNED { p y }\nBREAKPOINT { y = p }",
     False, "Use of POINTER is not thread safe."),
    ("pointer_before_threadsafe",
     "NEURON { SUFFIX x POINTER p THREADSAFE }\nASSIGNED { p y }\nBREAKPOINT { y = p }",
     False, "Use of POINTER is not thread safe."),
    ("pointer_after_threadsafe",
     "NEURON { THREADSAFE SUFFIX x POINTER p }\nASSIGNED { p y }\nBREAKPOINT { y = p }",
     True, None),
    ("bbcorepointer", "NEURON { SUFFIX x BBCOREPOINTER p }\nASSIGNED { p }",
     False, "Use of BBCOREPOINTER is not thread safe."),
    ("external", "NEURON { SUFFIX x EXTERNAL celsius }\nASSIGNED { y }\nBREAKPOINT { y = celsius }",
     False, "Use of EXTERNAL is not thread safe."),
    ("discrete", "NEURON { SUFFIX x }\nSTATE { a }\nBREAKPOINT { SOLVE d }\nDISCRETE d { a = a@1 + 1 }",
     False, "DISCRETE is not thread safe."),
    ("discrete_threadsafe",
     "NEURON { SUFFIX x THREADSAFE }\nSTATE { a }\nBREAKPOINT { SOLVE d }\nDISCRETE d { a = a@1 + 1 }",
     False, "DISCRETE is not thread safe."),
    ("linear", "NEURON { SUFFIX x }\nSTATE { p q }\nBREAKPOINT { SOLVE eq }\n"
     "LINEAR eq { ~ p + q = 1\n ~ p - q = 0 }", False, "LINEAR is not thread safe."),
    ("nonlinear_threadsafe", "NEURON { SUFFIX x THREADSAFE }\nSTATE { p }\nBREAKPOINT { SOLVE eq }\n"
     "NONLINEAR eq { ~ p*p = 2 }", False, "NONLINEAR is not thread safe."),
    ("normrand", "NEURON { SUFFIX x }\nASSIGNED { y }\nBREAKPOINT { y = normrand(0, 1) }",
     False, "normrand is not thread safe"),
    ("normrand_threadsafe",
     "NEURON { SUFFIX x THREADSAFE }\nASSIGNED { y }\nBREAKPOINT { y = normrand(0, 1) }", True, None),
    ("set_seed", "NEURON { SUFFIX x }\nINITIAL { set_seed(1) }", False, "set_seed is not thread safe"),
    ("lag", "NEURON { SUFFIX x }\nPARAMETER { tau = 1 }\nASSIGNED { v y }\n"
     "BREAKPOINT { LAG v BY tau\n y = lag_v_tau }", True, None),
    ("euler", "NEURON { SUFFIX x }\nSTATE { p }\nBREAKPOINT { SOLVE d METHOD euler }\n"
     "DERIVATIVE d { p' = -p }", True, None),
    ("random_variable", "NEURON { SUFFIX x RANDOM r }\nASSIGNED { y }\n"
     "BREAKPOINT { y = random_uniform(r) }", True, None),
]


@pytest.mark.parametrize("name,text,safe,reason", CASES, ids=[c[0] for c in CASES])
def test_thread_safety_as_nocmodl_judges_it(name, text, safe, reason):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "x.mod")
        with open(path, "w") as f:
            f.write(text + "\n")
        meta = translate(path).metadata
    assert meta["thread_safe"] is safe
    if reason is None:
        assert meta["thread_unsafe"] == []
    else:
        assert reason in meta["thread_unsafe"]
