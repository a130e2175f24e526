"""neuron-hoc's hooks, as the `neuron` package's plugin manager calls them."""
import os

from neuron_hoc import plugin
from neuron_hoc.top import HocTop


def test_make_interpreter_returns_the_top_level():
    h = plugin.neuron_make_interpreter()
    assert isinstance(h, HocTop)
    assert plugin.neuron_make_interpreter() is h


def test_commands():
    names = {}
    plugin.neuron_register_commands(register=lambda n, fn: names.__setitem__(n, fn))
    assert set(names) == {"nrniv", "nrngui"} and callable(names["nrniv"])


def test_hoc_library_folder():
    folders = []
    plugin.neuron_register_hoc_library(register=folders.append)
    assert len(folders) == 1
    for name in ("stdrun.hoc", "stdlib.hoc", "nrngui.hoc", "noload.hoc"):
        assert os.path.isfile(os.path.join(folders[0], name))


def test_tests_and_api():
    suites = []
    plugin.neuron_register_tests(register=lambda s, d: suites.append((s, d)))
    assert suites and suites[0][0] == "core" and os.path.isdir(suites[0][1])
    api = {}
    plugin.neuron_register_api(register=lambda n, o: api.__setitem__(n, o))
    assert "hclass" in api


def test_entry_point_is_declared():
    from importlib.metadata import entry_points
    eps = entry_points()
    group = eps.select(group="neuron") if hasattr(eps, "select") else eps.get("neuron", [])
    assert any(ep.value == "neuron_hoc.plugin" for ep in group)
