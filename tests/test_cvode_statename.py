"""CVode.statename names the equations as NEURON 9.0.2 does."""


def test_statename_as_neuron():
    # NEURON 9.0.2 on this model: soma.v(0.25), d.v(0.5), ExpSyn[0].g, soma.h_hh(0.25);
    # style 2: v, ExpSyn.g, h_hh
    from neuron import h
    soma = h.Section(name="soma")
    soma.insert("hh")
    soma.nseg = 2
    d = h.Section(name="d")
    d.connect(soma(1))
    syn = h.ExpSyn(d(0.5))
    cv = h.CVode()
    cv.active(1)
    try:
        h.finitialize(-65)
        s = h.ref("")
        got = []
        for i, style in ((0, 1), (2, 1), (3, 1), (5, 1), (0, 2), (3, 2), (5, 2)):
            cv.statename(i, s, style)
            got.append(s[0])
        assert got == ["soma.v(0.25)", "d.v(0.5)", "%s.g" % syn.hname(), "soma.h_hh(0.25)",
                       "v", "ExpSyn.g", "h_hh"]
    finally:
        cv.active(0)
        del syn


def test_dt_is_left_alone_until_cvode_steps():
    # NEURON 9.0.2: active(1) and finitialize keep h.dt; after a step it is the step taken,
    # and it stays so once CVode is switched off
    from neuron import h
    soma = h.Section(name="soma")
    soma.insert("hh")
    cv = h.CVode()
    old = h.dt
    h.dt = 0.025
    try:
        cv.active(1)
        h.finitialize(-65)
        assert h.dt == 0.025
        h.fadvance()
        assert h.dt == h.t == 0.2205690860283913
        cv.active(0)
        assert h.dt == 0.2205690860283913
    finally:
        cv.active(0)
        h.dt = old
