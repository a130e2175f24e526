"""Running HOC snippets for the tests: a fresh interpreter per snippet, everything it prints
captured, and the first error (which, as in nrniv, abandons the rest of the text).

Expected outputs in the test modules were produced by NEURON 9.0.2's nrniv on the same
snippets (they are data, regenerated from the snippets, not hand-written)."""
from __future__ import annotations

import contextlib
import gc
import io
import os
from typing import Optional, Tuple

from neuron_hoc.errors import HocError, HocQuit
from neuron_hoc.interpreter import Interpreter
from neuron_hoc.top import LIB_DIR


def delete_all_sections() -> None:
    """Leave the engine as a new process finds it: no sections, default globals."""
    try:
        from neuron_core import model, treeops
    except ImportError:
        return
    for sec in list(model.section_list()):
        treeops.delete_section(sec)
    model.t, model.dt, model.celsius, model.secondorder = 0.0, 0.025, 6.3, 0


def run_hoc(code: str, filename: str = "case.hoc", cwd: Optional[str] = None
            ) -> Tuple[str, Optional[HocError]]:
    # interpreters of earlier tests are reference cycles: free them (and what they held,
    # FInitializeHandlers, records...) before this snippet runs
    gc.collect()
    interp = Interpreter()
    interp.library_paths.append(LIB_DIR)
    buf = io.StringIO()
    err = None
    old = os.getcwd()
    try:
        if cwd:
            os.chdir(cwd)
        with contextlib.redirect_stdout(buf):
            try:
                interp.run_text(code, filename)
            except HocError as e:
                err = e
            except HocQuit:
                pass
    finally:
        os.chdir(old)
        delete_all_sections()
    return buf.getvalue(), err


def check_case(code: str, expected: str, error: Optional[str], cwd: Optional[str] = None):
    out, err = run_hoc(code, cwd=cwd)
    assert out == expected, \
        "output\n--- got:\n%s--- expected:\n%s--- error: %s" % (out, expected, err)
    if error is None:
        assert err is None, str(err)
    else:
        assert err is not None, "expected the error: %s" % error
        assert err.msg == error, "error %r, expected %r" % (err.msg, error)
