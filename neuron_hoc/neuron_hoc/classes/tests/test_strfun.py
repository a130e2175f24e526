"""StringFunctions (NEURON's test_StringFunctions.py behaviours)."""
import numpy as np
import pytest

from neuron_core.refs import array_ref
from neuron_core.vector import Vector
from neuron_hoc.classes import List, StringFunctions
from neuron_hoc.classes import hooks
from neuron_hoc.values import HocRef


@pytest.fixture
def sf():
    return StringFunctions()


def test_substr_len(sf):
    assert sf.substr("foobarfoo", "bar") == 3
    assert sf.substr("foobarfoo", "abc") == -1
    assert sf.substr("foobarfoo", "foo") == 0
    assert sf.substr(HocRef("allowed"), HocRef("low")) == 2
    assert sf.len("foobarfoo") == 9 and sf.len("") == 0


def test_head_tail(sf):
    for pattern, index, text in [("f.o", 0, ""), ("b.*$", 3, "foo"), ("abc", -1, "")]:
        out = HocRef("")
        assert sf.head("foobarshi", pattern, out) == index and out.v == text
    for pattern, index, text in [("s.i$", 9, ""), ("^.*r", 6, "shi"), ("abc", -1, "")]:
        out = HocRef("")
        assert sf.tail("foobarshi", pattern, out) == index and out.v == text
    out = HocRef("")
    assert sf.head("hello world\nsecond", "[e]", out) == 1 and out.v == "h"
    assert sf.tail("ab\ncd", "d", out) == -1  # only the first line is searched


def test_trims(sf):
    out = HocRef("")
    sf.rtrim("bar\t; \t\n", out)
    assert out.v == "bar\t;"
    sf.rtrim("bar\t; \t\n", out, " \t\n\f\v\r;")
    assert out.v == "bar"
    sf.ltrim("  \t \n# foo", out)
    assert out.v == "# foo"
    sf.ltrim("  \t \n# foo", out, " \t\n\f\r\v#")
    assert out.v == "foo"


def test_left_right(sf):
    s = HocRef("foobarshi")
    assert sf.right(s, 6) == 1.0 and s.v == "shi"
    s = HocRef("foobarshi")
    sf.right(s, 0)
    assert s.v == "foobarshi"
    s = HocRef("foobarshi")
    assert sf.left(s, 3) == 1.0 and s.v == "foo"
    sf.left(s, 0)
    assert s.v == ""
    with pytest.raises(RuntimeError):
        sf.left(HocRef("abc"), 10)


def test_is_name(sf):
    hooks.set_symbol_checker(lambda name: name in ("xvalue", "soma"))
    try:
        assert sf.is_name("xvalue") is True
        assert sf.is_name("xfoo") is False
    finally:
        hooks.set_symbol_checker(None)
    assert sf.is_name("finitialize") and not sf.is_name("xsquiggle")


def test_alias_reads_and_writes_through(sf):
    v = Vector()
    target = object()
    sf.alias(v, "xv", target)
    assert v.xv is target
    x = np.array([0.0, 0.0])
    sf.alias(v, "xy", array_ref(x, 0))
    v.xy = 3.14
    assert x[0] == 3.14 and v.xy == 3.14
    assert isinstance(v, Vector) and v.size() == 0
    sf.alias(v, "xy")
    with pytest.raises(AttributeError):
        v.xy
    sf.alias(v)
    with pytest.raises(AttributeError):
        v.xv
    w = Vector([1, 2])
    assert type(w) is Vector and w.sum() == 3.0  # other Vectors are untouched


def test_alias_list_needs_the_string_template(sf):
    v = Vector()
    hooks.set_template_lookup(None)   # an interpreter made by an earlier test may have set it
    with pytest.raises(RuntimeError):
        sf.alias_list(v)

    class String:
        def __init__(self, s):
            self.s = s

    hooks.set_template_lookup(lambda name: String if name == "String" else None)
    try:
        assert len(sf.alias_list(v)) == 0
        sf.alias(v, "xv1", HocRef(1.0))
        sf.alias(v, "xv2", HocRef(2.0))
        assert [s.s for s in sf.alias_list(v)] == ["xv1", "xv2"]
        sf.alias(v, "xv1")
        assert len(sf.alias_list(v)) == 1
        sf.alias(v)
        assert len(sf.alias_list(v)) == 0
    finally:
        hooks.set_template_lookup(None)


def test_references(sf, capsys):
    v = Vector()
    lst = List()
    lst.append(v)
    hooks.set_reference_finder(lambda obj: ["o"] if obj is v else [])
    try:
        assert sf.references(v) == 2
    finally:
        hooks.set_reference_finder(None)
    out = capsys.readouterr().out
    assert out == "%s has 2 references\n   o\n   %s.object(0)\n  found 2 of them\n" % (v.hname(), lst.hname())
    assert sf.references(None) == 0


def test_point_process_queries_on_non_mechanisms(sf):
    assert sf.is_point_process(List()) == 0 and sf.is_artificial(List()) == 0
    assert sf.is_point_process(Vector()) == 0
