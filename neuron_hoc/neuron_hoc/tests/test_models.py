"""Whole HOC models (stdrun, templates, networks, structure printouts) run by the nrniv
command; their printed results after the RESULTS line must match what NEURON 9.0.2's nrniv
printed for the same file (models/*.expected), numbers to 1e-7 relative or 1e-9 absolute."""
import glob
import io
import math
import os
import shutil
import sys

import pytest

from neuron_hoc.cli import main
from neuron_hoc.interpreter import Interpreter
from neuron_hoc.top import LIB_DIR

from .hoc_cases import delete_all_sections

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "models")
MODELS = sorted(os.path.basename(p)[:-4] for p in glob.glob(os.path.join(HERE, "*.hoc")))


def _tokens(text: str):
    return [line.split() for line in text.splitlines()]


def _same(a: str, b: str) -> bool:
    try:
        x, y = float(a), float(b)
    except ValueError:
        return a == b
    return math.isclose(x, y, rel_tol=1e-7, abs_tol=1e-9) or (math.isnan(x) and math.isnan(y))


@pytest.mark.parametrize("name", MODELS)
def test_model(name, tmp_path, monkeypatch, capsys):
    pytest.importorskip("neuron")
    for f in os.listdir(HERE):
        if not f.endswith(".expected"):
            shutil.copy(os.path.join(HERE, f), tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    delete_all_sections()
    try:
        interp = Interpreter()
        interp.library_paths.append(LIB_DIR)
        status = main(["-nobanner", name + ".hoc"], interp)
    finally:
        delete_all_sections()
    out = capsys.readouterr()
    assert status == 0, out.err
    got = out.out[out.out.index("RESULTS"):]
    with open(os.path.join(HERE, name + ".expected")) as f:
        expected = f.read()
    g, e = _tokens(got), _tokens(expected)
    assert len(g) == len(e), "lines:\n%s\n--- expected:\n%s" % (got, expected)
    for lg, le in zip(g, e):
        assert len(lg) == len(le) and all(_same(a, b) for a, b in zip(lg, le)), \
            "%s != %s" % (lg, le)
