"""List behaviour as NEURON 9.0.2 shows it."""
import pytest

from neuron_core.vector import Vector
from neuron_hoc.classes import List
from neuron_hoc.classes import hooks


def test_methods_and_return_values():
    lst = List()
    v, w = Vector(), Vector()
    assert (lst.append(v), lst.append(w), lst.append(v)) == (1.0, 2.0, 3.0)
    assert lst.count() == 3 and len(lst) == 3
    assert lst.index(v) == 0 and lst.index(Vector()) == -1 and lst.index(None) == -1
    assert lst.o(0) is v and lst.object(1) is w and lst[0] is v and lst[-1] is v
    with pytest.raises(IndexError):
        lst[5]
    for bad in (5, -1):
        with pytest.raises(RuntimeError):
            lst.o(bad)
    assert lst.prepend(w) == 4.0 and lst.insrt(1, v) == 5.0
    with pytest.raises(RuntimeError):
        lst.insrt(10, v)
    assert lst.remove(0) == 4.0
    with pytest.raises(RuntimeError):
        lst.remove(10)
    assert [x for x in lst] == [v, v, w, v]
    assert lst.remove_all() == 0.0 and lst.count() == 0 and not lst
    for bad in (1, "a"):
        with pytest.raises(RuntimeError):
            lst.append(bad)
    assert lst.append([1, 2]) == 1.0 and lst.o(0) == [1, 2]
    assert repr(lst) == lst.hname() and lst.hname().startswith("List[")


def test_browser_methods_without_a_screen():
    lst = List()
    lst.append(Vector())
    assert lst.selected() == -1 and lst.select(0) == 1.0 and lst.selected() == -1
    assert lst.browser() == 1.0 and lst.browser("title", "s") == 1.0
    assert lst.scroll_pos() == -1.0
    assert lst.select_action("x") == 1.0 and lst.accept_action("x") == 1.0


def test_template_lists_are_live():
    class Cell:
        pass

    live = []
    hooks.set_template_instances(lambda name: live if name == "Cell" else None)
    try:
        cells = List("Cell")
        assert cells.count() == 0
        live.extend([Cell(), Cell()])
        assert cells.count() == 2 and cells.o(1) is live[1]
        live.pop()
        assert len(cells) == 1
        with pytest.raises(RuntimeError):
            cells.append(Cell())
        with pytest.raises(RuntimeError):
            List("Foo")
    finally:
        hooks.set_template_instances(None)
