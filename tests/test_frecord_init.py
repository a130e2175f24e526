"""frecord_init() restarts recordings without duplicating the samples of Vector.record with
an interval or with sample times (LFPy calls it right after finitialize).  Expected values:
NEURON 9.0.2 on the same calls."""
from neuron import h


def test_frecord_init_restarts_interval_and_time_recordings():
    s = h.Section(name="s")
    old_dt = h.dt
    h.dt = 0.0625
    try:
        tv = h.Vector()
        tv.record(h._ref_t, 0.0625)
        h.finitialize(-65)
        h.fcurrent()
        h.frecord_init()
        while h.t < 50:
            h.fadvance()
        assert len(tv) == 801 and list(tv)[:4] == [0.0, 0.0625, 0.125, 0.1875]
        times = h.Vector([0.1, 0.5, 0.7])
        vt = h.Vector()
        vt.record(s(0.5)._ref_v, times)
        h.finitialize(-65)
        h.frecord_init()
        while h.t < 1:
            h.fadvance()
        h.frecord_init()
        while h.t < 2:
            h.fadvance()
        assert len(tv) == 17 and list(tv)[:3] == [1.0, 1.0625, 1.125]
        assert len(vt) == 3
    finally:
        h.dt = old_dt


def test_a_recording_vector_nobody_keeps_is_freed():
    # NEURON 9.0.2: h.Vector().record(...) without a reference is destroyed; the recording
    # stops and memory is not held (repeated protocol runs in one process stay flat)
    import gc
    import weakref
    s = h.Section(name="s")
    gone = weakref.ref(h.Vector().record(s(0.5)._ref_v))
    kept = h.Vector().record(s(0.5)._ref_v)
    h.finitialize(-65)
    h.fadvance()
    h.finitialize(-65)
    gc.collect()
    assert gone() is None
    h.fadvance()
    assert len(kept) == 2
