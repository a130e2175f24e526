"""Python subclasses of sections and point processes, as PyNN writes them (NEURON 9.0.2's
behaviour): they keep attributes of their own, and a point-process subclass may define its own
__init__ and __new__ (the object is made from its location only)."""
import pytest

from neuron import h, nrn
from neuron.hoc import HocObject  # noqa: F401  (neuron.hoc is importable)
from neuron import hclass


def test_section_subclass_keeps_its_attributes():
    class Cell(nrn.Section):
        def __init__(self):
            nrn.Section.__init__(self)
            self.seg = self(0.5)
            self.L = 30
    c = Cell()
    assert c.seg.x == 0.5 and c.L == 30.0 and c.nseg == 1
    with pytest.raises(Exception, match="gnabar_hh"):
        c.gnabar_hh = 1          # a range variable name still means the range variable
    base = h.Section(name="base")
    with pytest.raises(AttributeError):
        base.foo = 1


def test_point_process_subclass_with_its_own_init():
    class Source(hclass(h.NetStim)):
        def __new__(cls, *args, **kwargs):
            return super().__new__(cls, *args, **kwargs)

        def __init__(self, start=0, interval=1e12, number=0):
            self.start = start
            self.interval = interval
            self.number = number
            self.spike_times = h.Vector()
            self.rec = h.NetCon(self, None)
            self.rec.record(self.spike_times)
    s = Source(2.0, 5.0, 3)
    assert (s.start, s.interval, s.number) == (2.0, 5.0, 3.0)
    h.finitialize(-65)
    while h.t < 20:
        h.fadvance()
    assert list(s.spike_times) == [2.0, 7.0, 12.0]


def test_introspection_as_neuron():
    # NEURON 9.0.2: dir(h) lists the built-ins and mechanism names, dir(seg) the inserted
    # mechanisms, dir(seg.hh) its variables and functions; __getattribute__ reaches them;
    # List("SectionList") and List("Vector") list the live instances
    s = h.Section(name="intro")
    s.insert("hh")
    seg = s(0.5)
    names = dir(h)
    assert all(n in names for n in ("allsec", "Vector", "finitialize", "t", "hh", "gnabar_hh"))
    assert {"hh", "na_ion", "k_ion"} <= set(dir(seg)) and "pas" not in dir(seg)
    assert {"gnabar", "m", "rates"} <= set(dir(seg.hh))
    assert seg.__getattribute__("hh").__getattribute__("gnabar") == 0.12
    assert seg.__getattribute__("ena") == 50.0
    sl = h.SectionList()
    v = h.Vector()
    assert any(x is sl for x in h.List("SectionList"))
    assert any(x is v for x in h.List("Vector"))
