"""Shared fixtures: the test .mod files compiled once into one library (cached by content
in the user cache, so later runs do not recompile)."""
import glob
import os

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
MOD_DIR = os.path.join(HERE, "mod")


def mod_files_for_tests():
    return sorted(glob.glob(os.path.join(MOD_DIR, "*.mod")))


def stdmech_mods():
    try:
        import neuron_stdmech
        return neuron_stdmech.mod_files()
    except ImportError:
        root = os.path.join(HERE, "..", "..", "..", "plugins", "neuron_stdmech", "neuron_stdmech", "mod")
        return sorted(glob.glob(os.path.join(root, "*.mod")))


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
