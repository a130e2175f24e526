"""Fixtures: a hand-written mechanism library compiled once per session."""
import os
import subprocess
import sys
import sysconfig

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))


@pytest.fixture(scope="session")
def testmechs(tmp_path_factory):
    import neuron_core
    from neuron_core.mechanisms import registry
    if "thh" in registry.types:
        return registry
    out = tmp_path_factory.mktemp("abi") / "libtestmechs.so"
    cc = os.environ.get("CC", "cc")
    subprocess.run([cc, "-O2", "-shared", "-fPIC", "-I", neuron_core.get_include(),
                    os.path.join(HERE, "abi", "testmechs.c"), "-o", str(out), "-lm"], check=True)
    neuron_core.load_library_file(str(out))
    return registry
