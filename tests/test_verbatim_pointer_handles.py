"""A POINTER that only VERBATIM code uses holds the code's own handle (the Vector of the
vecevent.mod idiom): NULL until stored, kept when the model is rebuilt afterwards.  NEURON
9.0.2 on the same file: spikes at [1.0, 2.5] and [0.5] (played before and after a model
change), none for the generator never played."""
from .fresh_process import build_mod_files, run_python

PLAYER = """
NEURON { ARTIFICIAL_CELL Player POINTER ptr }
ASSIGNED { index etime (ms) ptr }
INITIAL {
    index = 0
    element()
    if (index > 0) { net_send(etime - t, 1) }
}
NET_RECEIVE (w) {
    if (flag == 1) {
        net_event(t)
        element()
        if (index > 0) { net_send(etime - t, 1) }
    }
}
PROCEDURE element() {
VERBATIM
    {
        IvocVect* vv = (IvocVect*) (_p_ptr);
        int i = (int) index;
        if (vv && i >= 0 && i < vector_capacity(vv)) {
            etime = vector_vec(vv)[i];
            index = i + 1;
        } else {
            index = -1;
        }
    }
ENDVERBATIM
}
PROCEDURE play() {
VERBATIM
    _p_ptr = (double*) 0;
    if (ifarg(1)) {
        _p_ptr = (double*) vector_arg(1);
    }
ENDVERBATIM
}
"""

RUN = """
from neuron import h
def record(p):
    nc = h.NetCon(p, None)
    tv = h.Vector()
    nc.record(tv)
    return nc, tv
a, b, c = h.Player(), h.Player(), h.Player()
va = h.Vector([1.0, 2.5])
a.play(va)
s = h.Section(name="s")
s.insert("hh")
vb = h.Vector([0.5])
b.play(vb)
recs = [record(p) for p in (a, b, c)]
h.finitialize(-65)
while h.t < 5:
    h.fadvance()
print("RESULT", [list(tv) for nc, tv in recs])
"""


def test_verbatim_only_pointer_keeps_its_handle(tmp_path):
    build_mod_files(tmp_path, {"player.mod": PLAYER})
    r = run_python(RUN, tmp_path)
    assert r.returncode == 0, r.stderr
    assert "RESULT [[1.0, 2.5], [0.5], []]" in r.stdout
