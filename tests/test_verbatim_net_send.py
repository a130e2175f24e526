"""net_send/artcell_net_send called from VERBATIM code with NEURON 9's C arguments
(tqitem, weights, `_ppvar[1].get<Point_process*>()` or `_pnt`, absolute time, flag), as
restartable stimulus files of public models do.  Expected numbers: NEURON 9.0.2 on the same
file gives spikes at [1.3, 2.05, 2.8] and n = 3."""
from .fresh_process import build_mod_files, run_python

VSEND = """
NEURON { ARTIFICIAL_CELL VSend RANGE n }
PARAMETER { n = 0 }
INITIAL { n = 0 }
PROCEDURE restart(te) {
VERBATIM
    artcell_net_send(_tqitem, (double*)0, _ppvar[1].get<Point_process*>(), _lte, 1.0);
ENDVERBATIM
}
NET_RECEIVE (w) {
    if (flag == 1) {
        n = n + 1
        net_event(t)
        if (n < 3) {
VERBATIM
        net_send(_tqitem, _args, _pnt, t + 0.75, 1.0);
ENDVERBATIM
        }
    } else if (flag == 2) {
        net_send(0.5, 1)
    }
}
"""

RUN = """
from neuron import h
c = h.VSend()
nc = h.NetCon(c, None)
tv = h.Vector()
nc.record(tv)
h.finitialize(-65)
c.restart(1.3)
while h.t < 5:
    h.fadvance()
print("RESULT", [round(x, 12) for x in tv], c.n)
try:
    c.restart(h.t - 1)
except Exception as e:
    print("ERROR", e)
"""


def test_verbatim_net_send_with_neuron_arguments(tmp_path):
    build_mod_files(tmp_path, {"vsend.mod": VSEND})
    r = run_python(RUN, tmp_path)
    assert r.returncode == 0, r.stderr
    assert "RESULT [1.3, 2.05, 2.8] 3.0" in r.stdout
    assert "ERROR" in r.stdout and "net_send delay < 0" in r.stdout
