"""Fixtures: a clean engine and rxd for every test, the test mechanisms, a simulator adapter.

rxd state is per process (as NEURON's); after each test every section is deleted and rxd is
reset the way tools such as NetPyNE reset it between models."""
import gc
import os
import subprocess

import pytest

import neuron_core as nc
from neuron_core.builtins import VARIABLES
from neuron_core.vector import Vector

HERE = os.path.dirname(os.path.abspath(__file__))


def reset_rxd():
    from neuron_rxd import initializer, node, region, rxd, section1d, species
    for r in list(rxd._all_reactions):
        if r() is not None:
            rxd._unregister_reaction(r)
    for s in list(species._all_species):
        if s() is not None:
            s().__del__()
    region._all_regions = []
    region._region_count = 0
    species._species_count = 0
    section1d._purge_cptrs()
    rxd.rxd_include_node_flux1D(0, None, None, None)
    initializer.has_initialized = False
    rxd._dimensions[1].clear()
    rxd._dimensions[3].clear()
    rxd._dimensions_default = 1


@pytest.fixture(autouse=True)
def clean():
    yield
    reset_rxd()
    for s in nc.model.section_list():
        nc.builtins.delete_section(s)
    gc.collect()
    nc.model.dt = 0.025


@pytest.fixture(scope="session")
def mechs(tmp_path_factory):
    """The ion leak mechanisms of mechs/rxdtestmechs.c (compiled once)."""
    from neuron_core.mechanisms import registry
    if "tnaleak" not in registry.types:
        out = tmp_path_factory.mktemp("rxdmechs") / "librxdtestmechs.so"
        cc = os.environ.get("CC", "cc")
        subprocess.run([cc, "-O2", "-shared", "-fPIC", "-I", nc.get_include(),
                        os.path.join(HERE, "mechs", "rxdtestmechs.c"), "-o", str(out)], check=True)
        nc.load_library_file(str(out))
    return registry


class Sim:
    """The simulator adapter of tests/models.py, on neuron_core."""

    def Section(self, name):
        return nc.Section(name=name)

    def record(self, ref):
        return Vector().record(ref)

    def ref_t(self):
        return VARIABLES["t"].ref()

    def set_dt(self, dt):
        nc.model.dt = dt

    def finitialize(self, v):
        nc.finitialize(v)

    def run(self, tstop):
        nc.run_until(tstop)

    def insert(self, sec, name):
        sec.insert(name)

    def pt3d(self, sec, pts):
        for p in pts:
            sec.pt3dadd(*p)

    def cvode(self, on, atol=None):
        from neuron_core.cvode import CVode
        cv = CVode()
        cv.active(on)
        if atol is not None:
            cv.atol(atol)

    def solve(self, t):
        from neuron_core.cvode import CVode
        CVode().solve(t)


@pytest.fixture
def sim():
    s = Sim()
    yield s
    s.cvode(False)
