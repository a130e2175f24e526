"""Shared fixtures: the test .mod files compiled once into one library (cached by content
in the user cache, so later runs do not recompile)."""
import glob
import os

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
MOD_DIR = os.path.join(HERE, "mod")


def mod_files_for_tests():
    return sorted(glob.glob(os.path.join(MOD_DIR, "*.mod")))


def _plugin_mods(package: str) -> list:
    try:
        return __import__(package).mod_files()
    except ImportError:
        root = os.path.join(HERE, "..", "..", "..", "plugins", package, package, "mod")
        return sorted(glob.glob(os.path.join(root, "*.mod")))


def stdmech_mods():
    """The standard mechanisms and VecStim, in one library."""
    return _plugin_mods("neuron_stdmech") + _plugin_mods("neuron_vecstim")


@pytest.fixture(scope="session")
def testlib():
    from neuron_nmodl.build import compile_mod_files
    from neuron_nmodl.tests.harness import Library

    return Library(compile_mod_files(mod_files_for_tests()))


@pytest.fixture(scope="session")
def stdlib():
    from neuron_nmodl.build import compile_mod_files
    from neuron_nmodl.tests.harness import Library

    return Library(compile_mod_files(stdmech_mods()))
