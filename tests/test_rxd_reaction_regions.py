"""rxd.Reaction(..., regions=[]) acts in every region, as regions=None (NEURON 9.0.2; NetPyNE
passes an empty list when a reaction names no region).  NEURON's numbers for this script:
cai 9.9999803682e-05, cabuf 9.8158898331e-11 after 40 ms."""
from .fresh_process import run_python

SCRIPT = """
from neuron import h, rxd
h.load_file("stdrun.hoc")
s = h.Section(name="soma")
s.L = s.diam = 18.8
s.insert("hh")
cyt = rxd.Region([s], nrn_region="i")
ca = rxd.Species(cyt, d=0.08, charge=2, initial=1e-4, name="ca")
buf = rxd.Species(cyt, d=0, initial=1e-3, name="buf")
cabuf = rxd.Species(cyt, d=0, initial=0, name="cabuf")
r = rxd.Reaction(2 * ca + buf, cabuf, 1, 0.1, regions=[], custom_dynamics=False,
                 membrane_flux=False, scale_by_area=True, membrane=None)
h.finitialize(-65)
h.continuerun(40)
print("RESULT %.10e %.10e" % (s(0.5).cai, cabuf.nodes[0].concentration))
"""


def test_reaction_with_empty_regions_list_acts_everywhere(tmp_path):
    r = run_python(SCRIPT, tmp_path)
    assert r.returncode == 0, r.stderr
    assert "RESULT 9.9999803682e-05 9.8158898331e-11" in r.stdout
