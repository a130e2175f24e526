"""Point processes sit at the centre of the segment holding them (NEURON 9.0.2's numbers)."""
from neuron import h

XS = (0.1, 0.3, 0.55, 0.7, 0.95)
# get_segment().x for nseg 3, 7, 9, 11: on a section attached by its 1 end, then by its 0 end
REVERSED = {
    3: [0.16666666666666663, 0.16666666666666663, 0.5, 0.8333333333333334, 0.8333333333333334],
    7: [0.0714285714285714, 0.3571428571428571, 0.5, 0.6428571428571428, 0.9285714285714286],
    9: [0.05555555555555558, 0.2777777777777778, 0.5, 0.7222222222222222, 0.9444444444444444],
    11: [0.13636363636363635, 0.31818181818181823, 0.5909090909090908, 0.6818181818181819,
         0.9545454545454546],
}
FORWARD = {
    3: [0.16666666666666666, 0.16666666666666666, 0.5, 0.8333333333333334, 0.8333333333333334],
    7: [0.07142857142857142, 0.35714285714285715, 0.5, 0.6428571428571429, 0.9285714285714286],
    9: [0.05555555555555555, 0.2777777777777778, 0.5, 0.7222222222222222, 0.9444444444444444],
    11: [0.13636363636363635, 0.3181818181818182, 0.5909090909090909, 0.6818181818181818,
         0.9545454545454546],
}


def test_location_is_the_segment_centre():
    a = h.Section(name="pla")
    s = h.Section(name="pls")
    s.connect(a(1), 1)
    s2 = h.Section(name="pls2")
    for n in (3, 7, 9, 11):
        s.nseg = s2.nseg = n
        assert [h.IClamp(s(x)).get_segment().x for x in XS] == REVERSED[n]
        assert [h.IClamp(s2(x)).get_segment().x for x in XS] == FORWARD[n]


def test_nseg_change_moves_point_processes():
    s = h.Section(name="plm")
    s.nseg = 3
    c = h.IClamp(s(0.3))
    c.amp = 1
    got = [c.get_segment().x]
    for n in (5, 2, 1, 4):
        s.nseg = n
        got.append(c.get_segment().x)
    assert got == [0.16666666666666666, 0.1, 0.25, 0.5, 0.625] and c.amp == 1.0
    for x in (0.0, 1.0):
        assert h.IClamp(s(x)).get_segment().x == x


def test_no_location_means_unlocated():
    s = h.Section(name="plu")
    h("create plu_hoc")
    c = h.IClamp()
    assert c.has_loc() == 0.0
    c.loc(0.5, sec=s)
    assert c.has_loc() == 1.0


def test_relocation_lists_a_point_process_once():
    s = h.Section(name="plr")
    s.nseg = 5
    c = h.IClamp(s(0.1))
    c.loc(0.9)
    c.loc(s(0.5))
    d = s.psection()
    assert len(d["point_processes"]["IClamp"]) == 1
    t = h.Section(name="plr2")
    c.loc(t(0.5))
    assert len(s.psection()["point_processes"].get("IClamp", ())) == 0
    assert len(t.psection()["point_processes"]["IClamp"]) == 1
