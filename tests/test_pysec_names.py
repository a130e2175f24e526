"""Sections made in Python as HOC sees them: secname() and sectionname() spell them
`_pysec.<name>` and HOC code reads that form back (NEURON 9.0.2's behaviour)."""
from neuron import h


class Cell:
    def __str__(self):
        return "Cell7"


def test_pysec_names_round_trip():
    dend = h.Section(name="dend")
    cell = Cell()
    soma = h.Section(name="soma", cell=cell)
    anon = h.Section()
    assert h.secname(sec=dend) == "_pysec.dend" and dend.name() == "dend"
    assert h.secname(sec=soma) == "_pysec.Cell7.soma" and soma.name() == "Cell7.soma"
    assert h.secname(sec=anon).startswith("__nrnsec_0x")
    s = h.ref("")
    h.sectionname(s, sec=dend)
    assert s[0] == "_pysec.dend"
    assert h("_pysec.dend.L = 43")
    assert dend.L == 43
    assert h("_pysec.Cell7.soma { nseg = 3 }")
    assert soma.nseg == 3
    assert h("access _pysec.dend")
    assert h.cas() == dend
    h("strdef sn")
    h("sectionname(sn)")
    assert h.sn == "_pysec.dend"
    assert not h("_pysec.nosuch.L = 1")
    assert dend.L == 43
