"""The bulletin board on one process, as NEURON 9.0.2 behaves: tasks run in submission order
inside working(), automatic userids are -1, -2, ..., numbers travel as floats, saved
arguments can be unpacked after working() returns, messages are posted and taken by key."""
import pytest

from neuron_core.errors import NeuronError
from neuron_core.parallel import ParallelContext
from neuron_core.vector import Vector

calls = []


def square(x, y=0):
    calls.append((x, y))
    return x * x


def test_submit_and_working():
    pc = ParallelContext()
    calls.clear()
    assert pc.submit(square, 3) == -1.0
    assert pc.submit(square, 4, 5) == -2.0
    assert pc.submit(17, square, 6) == 17.0
    assert calls == []                          # nothing runs before working()
    got = []
    while True:
        ident = pc.working()
        if ident == 0:
            break
        row = [ident, pc.userid(), pc.retval(), pc.pyret()]
        try:
            row.append(pc.upkscalar())
        except NeuronError:
            row.append(None)
        got.append(row)
    assert [g[0] for g in got] == sorted(g[0] for g in got)
    assert [g[1:] for g in got] == [[-1.0, 0.0, 9.0, 3.0], [-2.0, 0.0, 16.0, 4.0],
                                    [17.0, 0.0, 36.0, None]]
    assert calls == [(3.0, 0), (4.0, 5.0), (6.0, 0)]
    assert all(isinstance(x, float) for c in calls for x in c if x)
    assert pc.working() == 0


def test_pyret_is_taken_once_and_objects_are_copies():
    pc = ParallelContext()
    data = {"a": [1, 2]}
    pc.submit(lambda d: d, data)
    pc.working()
    out = pc.pyret()
    assert out == data and out is not data
    assert pc.pyret() is None
    assert pc.upkpyobj() == data


def test_messages():
    pc = ParallelContext()
    assert pc.post("k", 1.5, "str", Vector([1, 2])) == 1.0
    assert pc.look("k") is True
    holder = ["?"]
    assert (pc.upkscalar(), pc.upkstr(holder)[0], list(pc.upkvec())) == (1.5, "str", [1.0, 2.0])
    assert pc.look_take("k") is True
    assert pc.look("k") is False
    assert pc.look_take("k") is False
    pc.pack(2.0, {"a": 1})
    assert pc.post(5) == 1.0
    x = [0.0]
    assert pc.take(5.0, x) == 1.0
    assert x == [2.0] and pc.upkpyobj() == {"a": 1}
    with pytest.raises(NeuronError, match="no more items"):
        pc.upkscalar()
    with pytest.raises(NeuronError, match="no such message"):
        pc.take("missing")


def test_unpack_checks_types():
    pc = ParallelContext()
    pc.post("t", "text")
    pc.take("t")
    with pytest.raises(NeuronError, match="is a string, not a scalar"):
        pc.upkscalar()
    v = Vector()
    pc.post("v", Vector([3, 4]), 7)
    y = [0.0]
    pc.take("v", v, y)
    assert list(v) == [3.0, 4.0] and y == [7.0]


def test_master_only_methods():
    pc = ParallelContext()
    assert pc.runworker() == 0.0
    assert pc.context(square, 2) == 1.0
    assert pc.done() == 0.0
    assert pc.working() == 0
