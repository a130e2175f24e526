"""stdrun's continuerun with the variable step, as NEURON 9.0.2 runs it (its numbers): through
cvode_active() the run stops at tstop; with CVode().active(1) alone stdrun is not told and
steps as for a fixed step, ending past tstop.  Both loops run in the engine."""
from neuron import h

# [t, points recorded, v at the end(, dt)] printed by NEURON 9.0.2 for the same script
DIRECT = [100.02334927707709, 870, -47.139221438534236, 0.05919463611339223]
THROUGH_STDRUN = [100.0, 871, -46.2897183137289]


def test_continuerun_under_cvode_matches_neuron():
    h.load_file("stdrun.hoc")
    soma = h.Section(name="cvsoma")
    soma.L = soma.diam = 20.0
    soma.insert("hh")
    stim = h.IClamp(soma(0.5))
    stim.delay, stim.dur, stim.amp = 2.0, 1e9, 0.1
    tv = h.Vector().record(h._ref_t)
    vv = h.Vector().record(soma(0.5)._ref_v)
    try:
        h.CVode().active(1)
        h.finitialize(-65)
        h.continuerun(100)
        got = [h.t, tv.size(), vv[-1], h.dt]
        assert got[:2] == DIRECT[:2] and got[3] == DIRECT[3]
        assert abs(got[2] - DIRECT[2]) < 1e-9
        h.cvode_active(1)
        h.tstop = 100
        h.run()
        got = [h.t, tv.size(), vv[-1]]
        assert got[:2] == THROUGH_STDRUN[:2] and abs(got[2] - THROUGH_STDRUN[2]) < 1e-9
    finally:
        h.cvode_active(0)
        h.dt = 0.025
