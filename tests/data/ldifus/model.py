"""The LONGITUDINAL_DIFFUSION test models, run the same way by NEURON 9.0.2 (make_reference.py)
and by this implementation (tests/test_ldifus_engine.py).

Two cells.  Cell 1 is a branched tree with cadifs (calcium in shells, diffusing along the
cable), a calcium current (cachn) and ldsimple (a state without ions) where it exercises
every rule of NEURON's couplings:
  soma   hh, cachn, cadifs, ldsimple; an IClamp makes it fire
  d1     on soma(1), nseg 5: pas, cachn, cadifs, ldsimple
  d2     on soma(0) (the root node: the partner is the soma's first segment), nseg 3
  d3     on d1(0.5) (a segment centre), nseg 2, rallbranch 2
  d4     attached by its 1 end to d1(1) (segment rows not in node order), nseg 4
  d5     on d4(0), the far end of d4, nseg 2
  d6     on d1(1) without the mechanisms, d7 on d6(1) with them (no partner: -1)
  d8     on d1(0), i.e. the soma's zero-area end node (the partner is the soma segment)
Cell 2 is a soma with a dendrite given by 3-D points (L is the arc length), both with
cadifs and cachn, and an IClamp.
"""

MECHS = ("cachn", "cadifs", "ldsimple")


def build(h):
    secs = {}

    def sec(name, L, diam, nseg, mechs=MECHS, pas=True):
        s = h.Section(name=name)
        s.L, s.diam, s.nseg = L, diam, nseg
        for m in mechs:
            s.insert(m)
        if pas:
            s.insert("pas")
            for seg in s:
                seg.pas.g = 1e-4
                seg.pas.e = -65
        secs[name] = s
        return s

    soma = sec("soma", 20, 20, 1, pas=False)
    soma.insert("hh")
    d1 = sec("d1", 200, 2, 5)
    d2 = sec("d2", 60, 1.5, 3)
    d3 = sec("d3", 40, 1, 2)
    d4 = sec("d4", 80, 1.2, 4)
    d5 = sec("d5", 30, 0.8, 2)
    d6 = sec("d6", 25, 1, 2, mechs=())
    d7 = sec("d7", 35, 1, 3)
    d8 = sec("d8", 45, 1, 3)
    d1.connect(soma(1))
    d2.connect(soma(0))
    d3.connect(d1(0.5))
    d3.rallbranch = 2
    d4.connect(d1(1), 1)
    d5.connect(d4(0))
    d6.connect(d1(1))
    d7.connect(d6(1))
    d8.connect(d1(0))
    for s in (soma, d1):
        for seg in s:
            seg.cachn.gbar = 0.004
    for seg in d2:
        seg.cadifs.DCa = 1.2
    soma2 = sec("soma2", 15, 15, 1, mechs=("cachn", "cadifs"), pas=False)
    soma2.insert("hh")
    dd = sec("dd", 50, 1, 4, mechs=("cachn", "cadifs"))
    dd.pt3dclear()
    for x, y, z, d in ((0, 0, 0, 2), (20, 5, 0, 1.6), (45, 5, 10, 1.2), (70, 0, 10, 1.0)):
        dd.pt3dadd(x, y, z, d)
    dd.connect(soma2(1))
    stims = []
    for s, amp in ((soma, 0.8), (soma2, 0.5)):
        st = h.IClamp(s(0.5))
        st.delay, st.dur, st.amp = 0.5, 3, amp
        stims.append(st)
    return secs, stims


def probes(secs):
    """(name, section, x) of the segments whose states are compared."""
    out = []
    for name in ("soma", "d1", "d2", "d3", "d4", "d5", "d7", "d8", "soma2", "dd"):
        s = secs[name]
        for seg in s:
            out.append((name, s, seg.x))
    return out


def sample(secs):
    """The values compared at one time: per probe v, cai, ca[3], CaBuffer[0] and ldsimple's c."""
    row = []
    for name, s, x in probes(secs):
        seg = s(x)
        row += [seg.v, seg.cai, seg.cadifs.ca[3], seg.cadifs.CaBuffer[0]]
        if name not in ("soma2", "dd"):
            row.append(seg.ldsimple.c)
    return row


def perturb(secs):
    """Uneven states after finitialize, so that diffusion acts from the start."""
    k = 0
    for name in sorted(secs):
        for seg in secs[name]:
            k += 1
            if hasattr(seg, "ldsimple"):
                seg.ldsimple.c = 0.01 * (k % 7)
            if hasattr(seg, "cadifs"):
                for j in range(4):
                    seg.cadifs.ca[j] = 5e-5 * (1 + (k + j) % 5)
                seg.cai = seg.cadifs.ca[0]


def change(secs, t):
    """Mode "changes": geometry and structure changed between steps (the couplings must
    follow): L and rallbranch at 2 ms, nseg at 3 ms, a section moved at 4 ms."""
    if abs(t - 2.0) < 1e-9:
        secs["d1"].L = 150
        secs["d3"].rallbranch = 1.5
    elif abs(t - 3.0) < 1e-9:
        secs["d2"].nseg = 5
    elif abs(t - 4.0) < 1e-9:
        secs["d7"].disconnect()
        secs["d7"].connect(secs["d1"](0.3))


def run(h, mode, tstop=6.0):
    """mode: "fixed" (dt 0.025), "cvode" (global), "local" (use_local_dt), "daspk" (IDA),
    "fixed2" (secondorder 2), "changes" (fixed step with change()).  Returns the samples
    every 0.25 ms."""
    secs, stims = build(h)
    cv = h.CVode()
    cv.active(0)
    h.secondorder = 0
    h.dt = 0.025
    if mode in ("cvode", "local", "daspk"):
        cv.active(1)
        cv.atol(1e-8)
        cv.rtol(1e-6)
        cv.use_local_dt(1 if mode == "local" else 0)
        cv.use_daspk(1 if mode == "daspk" else 0)
    if mode == "fixed2":
        h.secondorder = 2
    h.finitialize(-65)
    perturb(secs)
    if mode in ("cvode", "local", "daspk"):
        cv.re_init()
    out = [[h.t] + sample(secs)]
    t = 0.0
    while t < tstop - 1e-9:
        t += 0.25
        if mode == "changes":
            change(secs, t)
        if mode.startswith("fixed") or mode == "changes":
            while h.t < t - 0.5 * h.dt:
                h.fadvance()
        else:
            cv.solve(t)
        out.append([h.t] + sample(secs))
    cv.active(0)
    cv.use_local_dt(0)
    cv.use_daspk(0)
    h.secondorder = 0
    return out
