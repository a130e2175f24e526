"""Random objects passed to mechanism procedures: VERBATIM nrn_random_arg/nrn_random_pick (the
Gfluct idiom of public models) and NetStim.noiseFromRandom(r), as NetPyNE calls it.
Expected numbers: NEURON 9.0.2 on the same files and calls."""
from neuron import h

from .fresh_process import build_mod_files, run_python

RPICK = """
NEURON { POINT_PROCESS RPick RANGE x POINTER donotuse }
ASSIGNED { x donotuse }
PROCEDURE setrand() {
VERBATIM
    _p_donotuse = (double*) nrn_random_arg(1);
ENDVERBATIM
}
FUNCTION pick() {
VERBATIM
    _lpick = nrn_random_pick((Rand*) _p_donotuse);
ENDVERBATIM
}
FUNCTION isobj() {
VERBATIM
    _lisobj = hoc_is_object_arg(1);
ENDVERBATIM
}
"""

RUN = """
from neuron import h
s = h.Section(name="s")
p = h.RPick(s(0.5))
r = h.Random(); r.Random123(4, 5, 6); r.normal(2, 9)
p.setrand(r)
del r
print("RESULT", ["%.10f" % p.pick() for _ in range(4)], p.isobj(h.Random()), p.isobj(h.Vector()),
      p.isobj(3))
"""


def test_verbatim_picks_from_a_random_argument(tmp_path):
    build_mod_files(tmp_path, {"rpick.mod": RPICK})
    r = run_python(RUN, tmp_path)
    assert r.returncode == 0, r.stderr
    assert ("RESULT ['-1.7076985426', '1.2855533221', '3.3729431616', '2.5183863849'] "
            "1.0 1.0 0.0") in r.stdout


def _netstim_spikes(setup):
    s = h.NetStim()
    s.interval, s.number, s.start, s.noise = 5, 20, 0, 1
    keep = setup(s)
    nc = h.NetCon(s, None)
    tv = h.Vector()
    nc.record(tv)
    h.finitialize(-65)
    while h.t < 60:
        h.fadvance()
    return ["%.6f" % x for x in tv][:6], keep


def test_netstim_noise_from_a_random123_random():
    expected = ['10.752824', '12.170135', '14.659373', '14.977653', '21.005738', '44.711052']

    def from_ids(s):
        s.noiseFromRandom123(11, 22, 33)

    def from_random(s):
        r = h.Random()
        r.Random123(11, 22, 33)
        r.negexp(1)
        s.noiseFromRandom(r)
        return r
    assert _netstim_spikes(from_ids)[0] == expected
    spikes, r = _netstim_spikes(from_random)
    assert spikes == expected
    assert "%.6f" % r.repick() == "0.283462"     # the Random's own stream is untouched
    s = h.NetStim()
    r = h.Random()
    r.MCellRan4(3)
    try:
        s.noiseFromRandom(r)
    except Exception as e:
        assert "Random.Random123 generator is required" in str(e)
    else:
        raise AssertionError("noiseFromRandom accepted an MCellRan4 Random")
