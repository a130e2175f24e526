"""Vector.record / play through the engine (values printed by NEURON 9.0.2)."""
import pytest

import neuron_core as nc
from neuron_core import builtins
from neuron_core.vector import Vector


@pytest.fixture
def soma():
    s = nc.Section(name="soma")
    yield s
    for v in list(_made):
        v.play_remove()
    _made.clear()


_made = []


def _track(v):
    _made.append(v)
    return v


def test_record_every_step_grows_the_vector_from_c(soma):
    tv = _track(Vector()).record(builtins.VARIABLES["t"].ref())
    vv = _track(Vector()).record(soma(0.5)._ref_v)
    nc.finitialize(-65)
    for _ in range(5):
        nc.fadvance()
    assert tv.to_python() == [0.0, 0.025, 0.05, 0.075, 0.09999999999999999, 0.12499999999999999]
    assert vv.to_python() == [-65.0] * 6
    for _ in range(100):
        nc.fadvance()
    assert tv.size() == 106 and tv.buffer_size() >= 106
    assert tv[105] == pytest.approx(2.625)


def test_play_drives_the_variable(soma):
    p = _track(Vector([0.0, 1.0, 2.0, 3.0, 4.0, 5.0]))
    assert p.play(soma(0.5)._ref_v, 0.025) is p
    nc.finitialize(-65)
    for _ in range(3):
        nc.fadvance()
    assert soma(0.5).v == 1.9999999999999774
    p.play_remove()
    nc.finitialize(-65)
    nc.fadvance()
    assert soma(0.5).v == -65.0


def test_record_argument_errors():
    with pytest.raises(RuntimeError):
        Vector().record(3.0)
    with pytest.raises(RuntimeError):
        Vector().play(1)


def test_record_and_play_a_variable_the_engine_does_not_own(soma):
    """A HOC variable (here a dict entry) through refs.external_ref: NEURON 9.0.2 gives these
    numbers for `vx.record(&x)`, `vy.play(&y, 0.025)`, `vq.record(&y)` with x = 2t before
    each fadvance."""
    from neuron_core import refs
    store = {"x": 0.0, "y": 0.0}

    class Pointer:   # what the HOC interpreter's `&x` offers the engine
        def __init__(self, key):
            self.key = key
            self.ref = refs.external_ref(lambda: store[key], lambda v: store.update({key: v}),
                                         key)

        def _engine_ref(self):
            return self.ref

    px, py = Pointer("x"), Pointer("y")
    vx = _track(Vector()).record(px)
    _track(Vector([10.0, 11.0, 12.0, 13.0, 14.0])).play(py, 0.025)
    vq = _track(Vector()).record(py)
    nc.finitialize(-65)
    while builtins.VARIABLES["t"].get() < 0.1 - 1e-9:   # HOC compares with float_epsilon
        store["x"] = builtins.VARIABLES["t"].get() * 2
        nc.fadvance()
    assert vx.to_python() == pytest.approx([0.0, 0.0, 0.05, 0.1, 0.15], abs=1e-12)
    assert vq.to_python() == [10.0, 10.0, 11.0, 12.0, 13.0]
    assert store["y"] == 13.0
