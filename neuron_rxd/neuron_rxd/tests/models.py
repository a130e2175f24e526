"""Models the tests run and compare with NEURON 9.0.2's results (tests/data/reference.json).

Each model takes a simulator adapter (`sim`: sections, vectors, finitialize, run to t) and
an rxd module, and returns {name: list of numbers}.  Reactions are bound to local names: rxd
holds them weakly, so an unbound reaction vanishes at once (in NEURON too).  The same functions produced the
reference data when run with NEURON 9.0.2 (its `h` behind an adapter with the same methods),
with the leak mechanisms of mechs/rxdtestmechs.c written in NMODL.
"""
import math


def diffusion_tree(sim, rxd):
    """Branched tree (children at 1, 0.5 and 0 of the soma, nseg 1..7), diffusion of ca with
    a buffer and a first order uptake; sealed ends, junctions conserve mass."""
    soma = sim.Section("soma")
    soma.L, soma.diam, soma.nseg = 10.0, 5.0, 3
    d1 = sim.Section("d1")
    d1.connect(soma(1))
    d1.L, d1.diam, d1.nseg = 50.0, 1.0, 7
    d2 = sim.Section("d2")
    d2.connect(soma(0.5))
    d2.L, d2.diam, d2.nseg = 30.0, 0.8, 4
    d3 = sim.Section("d3")
    d3.connect(soma(0))
    d3.L, d3.diam, d3.nseg = 20.0, 1.5, 1
    d11 = sim.Section("d11")
    d11.connect(d1(1))
    d11.L, d11.diam, d11.nseg = 25.0, 0.6, 5
    cyt = rxd.Region([soma, d1, d2, d3, d11], nrn_region="i")
    ca = rxd.Species(cyt, name="ca", d=0.3, charge=2,
                     initial=lambda nd: 0.01 if nd.sec is d1 and nd.x < 0.3 else 1e-4)
    buf = rxd.Species(cyt, name="buf", d=0.05, initial=0.02)
    cabuf = rxd.Species(cyt, name="cabuf", d=0.05, initial=0.0)
    react1 = rxd.Reaction(ca + buf, cabuf, 10.0, 0.5)
    react2 = rxd.Rate(ca, -0.1 * ca)
    recs = {"t": sim.record(sim.ref_t())}
    for name, sec, x in (("soma", soma, 0.5), ("d1", d1, 0.1), ("d2", d2, 0.9), ("d3", d3, 0.5),
                         ("d11", d11, 0.5)):
        recs["ca_" + name] = sim.record(ca.nodes(sec(x))[0]._ref_concentration)
    sim.set_dt(0.025)
    sim.finitialize(-65)
    sim.run(20)
    out = {k: list(v)[::8] for k, v in recs.items()}
    out["ca_final"] = list(ca.nodes.concentration)
    out["cabuf_final"] = list(cabuf.nodes.concentration)
    out["cai_d1"] = [seg.cai for seg in d1]
    out["node_volume"] = list(ca.nodes.volume)
    out["node_x"] = list(ca.nodes.x)
    out["node_sec"] = [[soma, d1, d2, d3, d11].index(nd.sec) for nd in ca.nodes]
    out["amount"] = [sum((a.concentration + b.concentration) * a.volume
                         for a, b in zip(ca.nodes, cabuf.nodes))]
    return out


def bistable(sim, rxd):
    """NEURON's own rxd test: a scalar bistable wave (nseg 101, d 1, 5 ms)."""
    s = sim.Section("s")
    s.nseg = 101
    cyt = rxd.Region([s])
    c = rxd.Species(cyt, name="c", initial=lambda node: 1 if 0.4 < node.x < 0.6 else 0, d=1)
    react3 = rxd.Rate(c, -c * (1 - c) * (0.3 - c))
    sim.set_dt(0.025)
    sim.finitialize(-65)
    sim.run(5)
    return {"c": list(c.nodes.concentration)}


def trivial_ecs(sim, rxd):
    """NEURON's own extracellular test (fixed step): a 9 um cube of k in a 21 um box."""
    sim.Section("sec")
    ecs = rxd.Extracellular(-10.5, -10.5, -10.5, 10.5, 10.5, 10.5, dx=1.0, volume_fraction=0.2,
                            tortuosity=1.6)
    k = rxd.Species(ecs, name="k", d=2.62, charge=1,
                    initial=lambda nd: 1.0 if abs(nd.x3d) <= 4.5 and abs(nd.y3d) <= 4.5
                    and abs(nd.z3d) <= 4.5 else 0.0)
    rec = sim.record(k[ecs].node_by_location(0, 0, 0)._ref_value)
    sim.set_dt(0.1)
    sim.finitialize(-65)
    sim.run(10)
    return {"k_center": list(rec)}


def ion_coupling(sim, rxd):
    """na in the cytosol is nai: a na leak's current raises it, ena follows, v follows ena."""
    soma = sim.Section("soma")
    soma.L, soma.diam, soma.nseg = 20.0, 4.0, 3
    dend = sim.Section("dend")
    dend.connect(soma(1))
    dend.L, dend.diam, dend.nseg = 100.0, 1.0, 9
    for sec in (soma, dend):
        sim.insert(sec, "tnaleak")
        for seg in sec:
            seg.g_tnaleak = 0.002 if sec is soma else 0.0005
    cyt = rxd.Region([soma, dend], nrn_region="i")
    na = rxd.Species(cyt, name="na", d=0.6, charge=1)
    recs = {"t": sim.record(sim.ref_t()), "v_soma": sim.record(soma(0.5)._ref_v),
            "v_dend": sim.record(dend(0.9)._ref_v), "nai_soma": sim.record(soma(0.5)._ref_nai),
            "na_dend": sim.record(na.nodes(dend(0.9))[0]._ref_concentration),
            "ena_soma": sim.record(soma(0.5)._ref_ena)}
    sim.set_dt(0.025)
    sim.finitialize(-65)
    sim.run(10)
    out = {k: list(v)[::10] for k, v in recs.items()}
    out["na_final"] = list(na.nodes.concentration)
    return out


def mcr_flux(sim, rxd):
    """A sodium channel as a multi-compartment reaction with membrane_flux: its current
    moves v and both concentrations; a cytosolic buffer of na."""
    dend = sim.Section("dend")
    dend.L, dend.diam, dend.nseg = 50.0, 2.0, 5
    cyt = rxd.Region([dend], nrn_region="i", name="cyt")
    mem = rxd.Region([dend], geometry=rxd.membrane, name="mem")
    ecs = rxd.Region([dend], nrn_region="o", geometry=rxd.Shell(1, 2), name="ecs")
    na = rxd.Species([cyt, ecs], name="na", d=0.5, charge=1,
                     initial=lambda nd: 12.0 if nd.region is cyt else 140.0)
    gate = rxd.Parameter(mem, initial=lambda nd: 0.2 + nd.x)
    react4 = rxd.MultiCompartmentReaction(na[ecs], na[cyt], 2e-2 * gate[mem], 2e-2 * gate[mem], membrane=mem,
                                 membrane_flux=True)
    recs = {"t": sim.record(sim.ref_t()), "v": sim.record(dend(0.5)._ref_v),
            "nai": sim.record(dend(0.5)._ref_nai), "nao": sim.record(dend(0.5)._ref_nao),
            "ina": sim.record(dend(0.5)._ref_ina)}
    sim.set_dt(0.025)
    sim.finitialize(-65)
    sim.run(5)
    out = {k: list(v)[::5] for k, v in recs.items()}
    out["na_cyt"] = list(na[cyt].nodes.concentration)
    out["na_ecs"] = list(na[ecs].nodes.concentration)
    return out


def er_calcium(sim, rxd):
    """Cytosol and ER (fractional volumes) exchanging calcium through a pump and a
    voltage-dependent leak across the ER membrane; calbindin-like buffering."""
    dend = sim.Section("dend")
    dend.L, dend.diam, dend.nseg = 40.0, 2.0, 8
    cyt = rxd.Region([dend], nrn_region="i", geometry=rxd.FractionalVolume(0.83, surface_fraction=1),
                     name="cyt")
    er = rxd.Region([dend], geometry=rxd.FractionalVolume(0.17), name="er")
    cyt_er = rxd.Region([dend], geometry=rxd.ScalableBorder(1), name="cyt_er")
    ca = rxd.Species([cyt, er], d=0.08, name="ca", charge=2,
                     initial=lambda nd: (0.002 if nd.x < 0.4 else 5e-5) if nd.region is cyt else 0.4)
    cbd = rxd.Species(cyt, d=0.02, initial=0.05)
    cacbd = rxd.Species(cyt, d=0.02, initial=0.0)
    react5 = rxd.Reaction(ca[cyt] + cbd, cacbd, 20.0, 1.0)
    react6 = rxd.MultiCompartmentReaction(ca[cyt], ca[er], 2.0 * ca[cyt] / (ca[cyt] + 1e-3), membrane=cyt_er,
                                 custom_dynamics=True)
    react7 = rxd.MultiCompartmentReaction(ca[er], ca[cyt], 0.05 * rxd.rxdmath.exp((rxd.v + 65) / 20.0),
                                 0.05 * rxd.rxdmath.exp((rxd.v + 65) / 20.0), membrane=cyt_er)
    recs = {"t": sim.record(sim.ref_t()), "cai": sim.record(dend(0.1)._ref_cai),
            "ca_er": sim.record(ca[er].nodes(dend(0.1))[0]._ref_concentration),
            "cacbd": sim.record(cacbd.nodes(dend(0.1))[0]._ref_concentration)}
    sim.set_dt(0.025)
    sim.finitialize(-60)
    sim.run(10)
    out = {k: list(v)[::8] for k, v in recs.items()}
    out["ca_cyt_final"] = list(ca[cyt].nodes.concentration)
    out["ca_er_final"] = list(ca[er].nodes.concentration)
    out["er_volume"] = list(ca[er].nodes.volume)
    return out


def ecs_currents(sim, rxd):
    """A potassium leak on sections inside an extracellular grid: the current fills the
    voxels holding the segments, and the voxels are their ko."""
    soma = sim.Section("soma")
    soma.L, soma.diam, soma.nseg = 20.0, 10.0, 1
    dend = sim.Section("dend")
    dend.connect(soma(1))
    dend.L, dend.diam, dend.nseg = 60.0, 2.0, 6
    for sec in (soma, dend):
        sim.insert(sec, "tkleak")
        for seg in sec:
            seg.g_tkleak = 0.005
    ecs = rxd.Extracellular(-20, -20, -20, 100, 20, 20, dx=10, volume_fraction=0.2, tortuosity=1.6)
    k = rxd.Species(ecs, name="k", d=2.62, charge=1, initial=3.0)
    recs = {"t": sim.record(sim.ref_t()), "v": sim.record(dend(0.5)._ref_v),
            "ko": sim.record(dend(0.5)._ref_ko),
            "k_vox": sim.record(k[ecs].node_by_location(45, 0, 0)._ref_concentration)}
    sim.set_dt(0.025)
    sim.finitialize(-70)
    sim.run(10)
    out = {k2: list(v)[::10] for k2, v in recs.items()}
    out["k_final"] = [float(x) for x in k[ecs].states3d.flatten()]
    return out


def geometry_3d(sim, rxd):
    """Volumes, membrane areas and positions of nodes on sections with 3-D points and on
    tapered stylized sections (given their 3-D points by define_shape)."""
    a = sim.Section("a")
    sim.pt3d(a, [(0, 0, 0, 4), (3, 0, 0, 3), (10, 2, 0, 2.5), (15, 2, 1, 1), (22, 5, 1, 1.2)])
    a.nseg = 4
    b = sim.Section("b")
    b.connect(a(1))
    b.L, b.nseg = 30.0, 5
    for i, seg in enumerate(b):
        seg.diam = 1.0 + 0.3 * i
    c = sim.Section("c")
    c.connect(a(0.5))
    c.L, c.diam, c.nseg = 12.0, 0.7, 3
    r1 = rxd.Region([a, b, c], nrn_region="i")
    r2 = rxd.Region([a, b, c], geometry=rxd.Shell(0.5, 1))
    r3 = rxd.Region([a, b, c], geometry=rxd.FixedCrossSection(2.0, surface_area=3.0))
    r4 = rxd.Region([a, b, c], geometry=rxd.membrane)
    s1 = rxd.Species(r1, name="s1", d=1, initial=1)
    s2 = rxd.Species(r2, d=1, initial=1)
    s3 = rxd.Species(r3, d=1, initial=1)
    s4 = rxd.Species(r4, d=1, initial=1)
    sim.finitialize(-65)
    out = {}
    for name, sp in (("inside", s1), ("shell", s2), ("fixed", s3), ("membrane", s4)):
        out[name + "_volume"] = list(sp.nodes.volume)
        out[name + "_area"] = list(sp.nodes.surface_area)
    out["x3d"] = [nd.x3d for nd in s1.nodes]
    out["y3d"] = [nd.y3d for nd in s1.nodes]
    out["z3d"] = [nd.z3d for nd in s1.nodes]
    out["seg_area"] = [seg.area() for sec in (a, b, c) for seg in sec]
    out["seg_diam"] = [seg.diam for sec in (a, b, c) for seg in sec]
    return out


def math_rates(sim, rxd):
    """Rates built from rxdmath functions, a Parameter and a State."""
    m = rxd.rxdmath
    s = sim.Section("s")
    s.L, s.nseg = 10.0, 4
    r = rxd.Region([s])
    a = rxd.Species(r, initial=lambda nd: 0.5 + nd.x, d=0.1)
    b = rxd.State(r, initial=0.2)
    p = rxd.Parameter(r, value=lambda nd: 2.0 * nd.x)
    react8 = rxd.Rate(a, 0.1 * m.exp(-a) - 0.05 * m.log(1 + a) + 0.01 * m.tanh(a - p) + 0.02 * m.vtrap(a - 1, 0.5)
             + 0.001 * a ** 2 + 0.01 * m.sqrt(a) * m.cos(p) - 0.02 * m.fabs(a - 1) + 0.001 * m.erf(a))
    react9 = rxd.Reaction(a > b, 0.3)
    react10 = rxd.Reaction(2 * b < a, 0.1, custom_dynamics=True)
    react11 = rxd.Rate(b, p * 0.01 + 0.001 * m.pow(b, 1.5) + 0.001 * m.atan2(a, b) + 0.01 * m.sinh(0.1 * b))
    sim.set_dt(0.05)
    sim.finitialize(-65)
    sim.run(8)
    return {"a": list(a.nodes.concentration), "b": list(b.nodes.concentration),
            "p": list(p.nodes.concentration)}


def ecs_reactions(sim, rxd):
    """Extracellular buffering (fast enough that NEURON's solver reorders rows), a clearance
    rate and a fixed-concentration boundary."""
    sim.Section("sec")
    ecs = rxd.Extracellular(0, 0, 0, 50, 40, 30, dx=10, volume_fraction=0.25, tortuosity=1.5)
    k = rxd.Species(ecs, name="k", d=1.5, charge=1, ecs_boundary_conditions=3.0,
                    initial=lambda nd: 10.0 if nd.x3d < 20 else 3.0)
    buf = rxd.Species(ecs, d=0.1, initial=0.5)
    kbuf = rxd.Species(ecs, d=0.1, initial=0.0)
    react12 = rxd.Reaction(k + buf, kbuf, 200.0, 1.0)
    react13 = rxd.Rate(k, -0.05 * (k - 3.0))
    rec = sim.record(k[ecs].node_by_location(15, 15, 15)._ref_value)
    sim.set_dt(0.05)
    sim.finitialize(-65)
    sim.run(5)
    return {"k_mid": list(rec)[::5], "k_final": [float(x) for x in k[ecs].states3d.flatten()],
            "kbuf_final": [float(x) for x in kbuf[ecs].states3d.flatten()]}


def ecs_inhomogeneous(sim, rxd):
    """Diffusion with a volume fraction and a tortuosity that are functions of (x, y, z)."""
    sim.Section("sec")
    ecs = rxd.Extracellular(0, 0, 0, 30, 25, 20, dx=5,
                            volume_fraction=lambda x, y, z: 0.15 + 0.004 * x + 0.0004 * y * z,
                            tortuosity=lambda x, y, z: 1.4 + 0.01 * x + 0.005 * y)
    c = rxd.Species(ecs, d=1.0, initial=lambda nd: 5.0 if nd.x3d < 10 and nd.y3d < 10 else 1.0)
    sim.set_dt(0.05)
    sim.finitialize(-65)
    sim.run(5)
    return {"c_final": [float(x) for x in c[ecs].states3d.flatten()]}


def ecs_permeability(sim, rxd):
    """Diffusion with a permeability array (fixed volume fraction)."""
    import numpy
    sim.Section("sec")
    perm = numpy.fromfunction(lambda i, j, k: 0.3 + 0.05 * i + 0.02 * k, (5, 4, 6))
    ecs = rxd.Extracellular(0, 0, 0, 25, 20, 30, dx=5, volume_fraction=0.2, permeability=perm)
    c = rxd.Species(ecs, d=2.0, initial=lambda nd: 4.0 if nd.z3d > 20 else 0.5)
    sim.set_dt(0.05)
    sim.finitialize(-65)
    sim.run(5)
    return {"c_final": [float(x) for x in c[ecs].states3d.flatten()]}


def ecs_mcr(sim, rxd):
    """A potassium channel as a multi-compartment reaction between the cytosol (1-D) and the
    extracellular grid, with membrane flux, and a potassium leak mechanism."""
    dend = sim.Section("dend")
    dend.L, dend.diam, dend.nseg = 40.0, 2.0, 4
    sim.insert(dend, "tkleak")
    for seg in dend:
        seg.g_tkleak = 0.002
    ecs = rxd.Extracellular(-10, -10, -10, 50, 10, 10, dx=5, volume_fraction=0.2, tortuosity=1.6)
    cyt = rxd.Region([dend], nrn_region="i", name="cyt")
    mem = rxd.Region([dend], geometry=rxd.membrane, name="mem")
    k = rxd.Species([cyt, ecs], name="k", d=1.0, charge=1,
                    initial=lambda nd: 140.0 if nd.region is cyt else 4.0)
    react14 = rxd.MultiCompartmentReaction(k[cyt], k[ecs], 5e3, 5e3, membrane=mem, membrane_flux=True)
    recs = {"t": sim.record(sim.ref_t()), "v": sim.record(dend(0.5)._ref_v),
            "ki": sim.record(dend(0.5)._ref_ki), "ko": sim.record(dend(0.5)._ref_ko),
            "ik": sim.record(dend(0.5)._ref_ik)}
    sim.set_dt(0.025)
    sim.finitialize(-70)
    sim.run(5)
    out = {name: list(v)[::5] for name, v in recs.items()}
    out["k_cyt"] = list(k[cyt].nodes.concentration)
    out["k_ecs"] = [float(x) for x in k[ecs].states3d.flatten()]
    return out


def d_changes(sim, rxd):
    """Diffusion constants changed between runs: one node's, then the species'."""
    s = sim.Section("s")
    s.L, s.diam, s.nseg = 40.0, 1.0, 8
    cyt = rxd.Region([s])
    c = rxd.Species(cyt, d=0.5, initial=lambda nd: 1.0 if nd.x < 0.25 else 0.0)
    sim.set_dt(0.025)
    sim.finitialize(-65)
    sim.run(2)
    c.nodes(s(0.45))[0].d = 5.0
    sim.run(4)
    mid = list(c.nodes.concentration)
    c.d = 0.1
    sim.run(6)
    return {"mid": mid, "final": list(c.nodes.concentration)}


def more_geometry(sim, rxd):
    """Volumes and areas of the remaining geometries, and diffusion in one of them."""
    s = sim.Section("s")
    s.L, s.nseg = 25.0, 5
    for i, seg in enumerate(s):
        seg.diam = 2.0 - 0.2 * i
    out = {}
    geos = {"perimeter": rxd.FixedPerimeter(3.0), "distributed": rxd.DistributedBoundary(2.0, 0.5),
            "scalable": rxd.ScalableBorder(diam_scale=0.5), "fraction": rxd.FractionalVolume(0.3, 0.5, 0.2)}
    keep = []
    for name, g in geos.items():
        r = rxd.Region([s], geometry=g)
        sp = rxd.Species(r, d=1.0, initial=lambda nd: 1.0 if nd.x < 0.3 else 0.0)
        keep.append((name, sp))
    sim.set_dt(0.025)
    sim.finitialize(-65)
    sim.run(3)
    for name, sp in keep:
        out[name + "_volume"] = list(sp.nodes.volume)
        out[name + "_area"] = list(sp.nodes.surface_area)
        out[name + "_c"] = list(sp.nodes.concentration)
    return out


def _amount(sp) -> float:
    return sum(nd.concentration * nd.volume for nd in sp.nodes)


def ics_diffusion(sim, rxd):
    """3-D intracellular diffusion in one section (NEURON's test_pure_diffusion_3d: dx 0.75,
    dt 1.25 ms, 125 ms); mass is conserved."""
    dend = sim.Section("dend")
    dend.diam, dend.nseg, dend.L = 2.0, 101, 100.0
    rxd.set_solve_type(dimension=3)
    r = rxd.Region([dend], dx=0.75)
    ca = rxd.Species(r, d=1, initial=lambda node: 1 if 0.4 < node.x < 0.6 else 0)
    sim.set_dt(0.025 * 50)
    rec = sim.record(ca.nodes[len(ca.nodes) // 2]._ref_concentration)
    sim.finitialize(-65)
    out = {"amount0": [_amount(ca)]}
    sim.run(125)
    out["amount"] = [_amount(ca)]
    out["c"] = list(ca.nodes.concentration)
    out["volume"] = list(ca.nodes.volume)
    out["area"] = list(ca.nodes.surface_area)
    out["x3d"] = [nd.x3d for nd in ca.nodes][::17]
    out["x"] = [nd.x for nd in ca.nodes]
    out["trace"] = list(rec)
    return out


def ics_currents(sim, rxd):
    """A wide 3-D section whose calcium leak current fills its surface voxels; cai follows
    the surface voxels (NEURON's test_ics_currents, shortened)."""
    cell = sim.Section("cell1")
    sim.pt3d(cell, [(-20, 0, 0, 10), (-10, 0, 0, 10)])
    cell.nseg = 11
    sim.insert(cell, "tcaleak")
    rxd.set_solve_type(dimension=3)
    cyt = rxd.Region([cell], name="cyt", nrn_region="i", dx=1.0)
    ca = rxd.Species(cyt, name="ca", d=1.0, charge=2)
    recs = {"cai": sim.record(cell(0.5)._ref_cai), "ica": sim.record(cell(0.5)._ref_ica)}
    sim.set_dt(0.025)
    sim.finitialize(-65)
    sim.run(5)
    out = {k: list(v)[::10] for k, v in recs.items()}
    out["c"] = list(ca.nodes.concentration)[::5]
    out["cai_all"] = [seg.cai for seg in cell]
    out["amount"] = [_amount(ca)]
    return out


def ics_branch_reactions(sim, rxd):
    """Soma and two dendrites in 3-D with a calcium buffer, an uptake Rate, a Parameter and
    leak currents in the soma and one dendrite (ion currents of several sections)."""
    soma = sim.Section("soma")
    soma.L, soma.diam, soma.nseg = 8.0, 6.0, 3
    d1 = sim.Section("d1")
    d1.connect(soma(1))
    d1.L, d1.diam, d1.nseg = 12.0, 1.6, 4
    d2 = sim.Section("d2")
    d2.connect(soma(1))
    d2.L, d2.diam, d2.nseg = 10.0, 1.2, 3
    sim.insert(soma, "tcaleak")
    sim.insert(d2, "tcaleak")
    rxd.set_solve_type(dimension=3)
    cyt = rxd.Region([soma, d1, d2], nrn_region="i", dx=0.5)
    ca = rxd.Species(cyt, name="ca", d=0.3, charge=2,
                     initial=lambda nd: 2e-3 if nd.x3d > 12 else 1e-4)
    buf = rxd.Species(cyt, name="buf", d=0.05, initial=0.02)
    cabuf = rxd.Species(cyt, name="cabuf", d=0.05, initial=0.0)
    k = rxd.Parameter(cyt, name="kup", initial=0.2)
    react15 = rxd.Reaction(ca + buf, cabuf, 10.0, 0.5)
    react16 = rxd.Rate(ca, -k * ca)
    recs = {"cai_soma": sim.record(soma(0.5)._ref_cai), "cai_d1": sim.record(d1(0.9)._ref_cai)}
    sim.set_dt(0.05)
    sim.finitialize(-65)
    out = {"amount0": [_amount(ca) + _amount(cabuf)]}
    sim.run(4)
    out.update({key: list(v)[::5] for key, v in recs.items()})
    out["amount"] = [_amount(ca) + _amount(cabuf)]
    out["ca"] = list(ca.nodes.concentration)[::7]
    out["cabuf"] = list(cabuf.nodes.concentration)[::7]
    out["volume"] = list(ca.nodes.volume)[::3]
    out["area"] = list(ca.nodes.surface_area)[::3]
    out["cai_all"] = [seg.cai for sec in (soma, d1, d2) for seg in sec]
    out["nnodes"] = [len(ca.nodes), len(ca.nodes(soma)), len(ca.nodes(d1(0.5)))]
    return out


def ics_inhomogeneous(sim, rxd):
    """3-D diffusion with no diffusion beyond the middle (node.d = 0) and anisotropic
    diffusion on a bent, tapering section in a fractional volume."""
    dend = sim.Section("dend")
    dend.diam, dend.nseg, dend.L = 2.0, 21, 20.0
    bent = sim.Section("bent")
    sim.pt3d(bent, [(0, 20, 0, 3), (6, 20, 0, 2), (9, 24, 1, 1.4), (8, 29, 2, 1.2)])
    bent.nseg = 4
    rxd.set_solve_type(dimension=3)
    r = rxd.Region([dend], dx=0.5)
    a = rxd.Species(r, d=1, initial=lambda node: 1 if 0.3 < node.x < 0.45 else 0)
    r2 = rxd.Region([bent], dx=0.3, geometry=rxd.FractionalVolume(0.8))
    b = rxd.Species(r2, d=(1.0, 0.5, 0.1), initial=lambda nd: 1.0 if nd.y3d > 25 else 0.0)
    for nd in a.nodes:
        if nd.x > 0.5:
            nd.d = 0
    sim.set_dt(0.1)
    sim.finitialize(-65)
    out = {"a_amount0": [_amount(a)], "b_amount0": [_amount(b)]}
    sim.run(10)
    out["a_amount"] = [_amount(a)]
    out["b_amount"] = [_amount(b)]
    out["a"] = list(a.nodes.concentration)[::3]
    out["b"] = list(b.nodes.concentration)[::5]
    out["b_volume"] = list(b.nodes.volume)[::5]
    return out


def ics_flux_state(sim, rxd):
    """A constant source into one 3-D voxel (node.include_flux), a non-diffusing State with
    an rxdmath rate, and an unnamed species set from its voxel positions."""
    m = rxd.rxdmath
    dend = sim.Section("dend")
    dend.diam, dend.nseg, dend.L = 1.5, 5, 6.0
    rxd.set_solve_type(dimension=3)
    r = rxd.Region([dend], dx=0.4)
    a = rxd.Species(r, d=0.5, initial=lambda nd: 0.1 * nd.x3d)
    s = rxd.State(r, initial=0.5)
    react17 = rxd.Rate(s, m.exp(-a) - s)
    mid = a.nodes[len(a.nodes) // 2]
    mid.include_flux(2e5)
    sim.set_dt(0.05)
    sim.finitialize(-65)
    sim.run(3)
    return {"a": list(a.nodes.concentration)[::4], "s": list(s.nodes.concentration)[::4],
            "amount": [_amount(a)], "mid": [mid.concentration]}


def cvode_tree(sim, rxd):
    """The variable step method on 1-D rxd: a tree with junctions, a buffer reaction, an
    uptake Rate, a leak current and per-species absolute tolerance scales."""
    soma = sim.Section("soma")
    soma.L, soma.diam, soma.nseg = 10.0, 5.0, 3
    d1 = sim.Section("d1")
    d1.connect(soma(1))
    d1.L, d1.diam, d1.nseg = 50.0, 1.0, 7
    d2 = sim.Section("d2")
    d2.connect(soma(0.5))
    d2.L, d2.diam, d2.nseg = 30.0, 0.8, 4
    sim.insert(soma, "tcaleak")
    cyt = rxd.Region([soma, d1, d2], nrn_region="i")
    ca = rxd.Species(cyt, name="ca", d=0.3, charge=2, atolscale=1e-4,
                     initial=lambda nd: 0.01 if nd.sec is d1 and nd.x < 0.3 else 1e-4)
    buf = rxd.Species(cyt, name="buf", d=0.05, initial=0.02, atolscale=0.1)
    cabuf = rxd.Species(cyt, name="cabuf", d=0.05, initial=0.0)
    react18 = rxd.Reaction(ca + buf, cabuf, 10.0, 0.5)
    react19 = rxd.Rate(ca, -0.1 * ca)
    sim.cvode(True, atol=1e-6)
    sim.finitialize(-65)
    out = {}
    for t in (0.5, 2, 6):
        sim.solve(t)
        out["ca_%g" % t] = list(ca.nodes.concentration)
        out["cabuf_%g" % t] = list(cabuf.nodes.concentration)
    out["cai"] = [seg.cai for sec in (soma, d1, d2) for seg in sec]
    return out


def cvode_bistable(sim, rxd):
    """The bistable wave of NEURON's rxd test under the variable step method."""
    s = sim.Section("s")
    s.nseg = 101
    cyt = rxd.Region([s])
    c = rxd.Species(cyt, name="c", initial=lambda node: 1 if 0.4 < node.x < 0.6 else 0, d=1)
    react20 = rxd.Rate(c, -c * (1 - c) * (0.3 - c))
    sim.cvode(True)
    sim.finitialize(-65)
    out = {}
    for t in (1, 5):
        sim.solve(t)
        out["c_%g" % t] = list(c.nodes.concentration)
    return out


def cvode_mcr(sim, rxd):
    """The variable step method with a multi-compartment reaction producing a membrane current
    (sodium through the membrane between the cytosol and a shell), with a voltage-dependent
    uptake of cytosolic sodium into a store."""
    dend = sim.Section("dend")
    dend.L, dend.diam, dend.nseg = 50.0, 2.0, 5
    cyt = rxd.Region([dend], nrn_region="i", name="cyt")
    mem = rxd.Region([dend], geometry=rxd.membrane, name="mem")
    ecs = rxd.Region([dend], nrn_region="o", geometry=rxd.Shell(1, 2), name="ecs")
    na = rxd.Species([cyt, ecs], name="na", d=0.5, charge=1,
                     initial=lambda nd: 12.0 if nd.region is cyt else 140.0)
    store = rxd.Species(cyt, name="store", initial=0.0)
    gate = rxd.Parameter(mem, initial=lambda nd: 0.2 + nd.x)
    react21 = rxd.MultiCompartmentReaction(na[ecs], na[cyt], 2e-2 * gate[mem], 2e-2 * gate[mem], membrane=mem,
                                 membrane_flux=True)
    react22 = rxd.Reaction(na[cyt], store[cyt], 0.5 * rxd.rxdmath.exp(rxd.v / 50.0), 0.1)
    sim.cvode(True, atol=1e-5)
    sim.finitialize(-65)
    out = {}
    for t in (0.3, 1.0, 3.0):
        sim.solve(t)
        out["na_cyt_%g" % t] = list(na[cyt].nodes.concentration)
        out["na_ecs_%g" % t] = list(na[ecs].nodes.concentration)
        out["store_%g" % t] = list(store.nodes.concentration)
        out["v_%g" % t] = [seg.v for seg in dend]
        out["ina_%g" % t] = [seg.ina for seg in dend]
    return out


def cvode_ecs(sim, rxd):
    """The variable step method with an extracellular grid: potassium leak currents from
    sections inside it, a buffer reaction and a clearance rate in the voxels."""
    soma = sim.Section("soma")
    soma.L, soma.diam, soma.nseg = 20.0, 10.0, 1
    dend = sim.Section("dend")
    dend.connect(soma(1))
    dend.L, dend.diam, dend.nseg = 60.0, 2.0, 6
    for sec in (soma, dend):
        sim.insert(sec, "tkleak")
        for seg in sec:
            seg.g_tkleak = 0.005
    ecs = rxd.Extracellular(-20, -20, -20, 100, 20, 20, dx=10, volume_fraction=0.2, tortuosity=1.6)
    k = rxd.Species(ecs, name="k", d=2.62, charge=1, initial=3.0, atolscale=0.1)
    buf = rxd.Species(ecs, d=0.1, initial=0.5)
    kbuf = rxd.Species(ecs, d=0.1, initial=0.0)
    react1 = rxd.Reaction(k + buf, kbuf, 20.0, 1.0)
    react2 = rxd.Rate(k, -0.05 * (k - 3.0))
    sim.cvode(True, atol=1e-6)
    sim.finitialize(-70)
    out = {}
    for t in (0.5, 2.0, 5.0):
        sim.solve(t)
        out["k_%g" % t] = [float(x) for x in k[ecs].states3d.flatten()]
        out["kbuf_%g" % t] = [float(x) for x in kbuf[ecs].states3d.flatten()][::3]
        out["v_%g" % t] = [seg.v for seg in dend]
        out["ko_%g" % t] = [seg.ko for seg in dend]
    return out


def cvode_ecs_mcr(sim, rxd):
    """The variable step method with a multi-compartment reaction (membrane flux) between the
    cytosol (1-D) and an extracellular grid with a fixed-concentration boundary."""
    dend = sim.Section("dend")
    dend.L, dend.diam, dend.nseg = 40.0, 2.0, 4
    sim.insert(dend, "tkleak")
    for seg in dend:
        seg.g_tkleak = 0.002
    ecs = rxd.Extracellular(-10, -10, -10, 50, 10, 10, dx=5, volume_fraction=0.2, tortuosity=1.6)
    cyt = rxd.Region([dend], nrn_region="i", name="cyt")
    mem = rxd.Region([dend], geometry=rxd.membrane, name="mem")
    k = rxd.Species([cyt, ecs], name="k", d=1.0, charge=1, ecs_boundary_conditions=4.0,
                    initial=lambda nd: 140.0 if nd.region is cyt else 4.0)
    react = rxd.MultiCompartmentReaction(k[cyt], k[ecs], 5e-2, 5e-2, membrane=mem,
                                         membrane_flux=True)
    sim.cvode(True, atol=1e-6)
    sim.finitialize(-70)
    out = {}
    for t in (0.5, 2.0, 5.0):
        sim.solve(t)
        out["k_cyt_%g" % t] = list(k[cyt].nodes.concentration)
        out["k_ecs_%g" % t] = [float(x) for x in k[ecs].states3d.flatten()]
        out["v_%g" % t] = [seg.v for seg in dend]
        out["ik_%g" % t] = [seg.ik for seg in dend]
    return out


def cvode_ics(sim, rxd):
    """The variable step method on sections solved in 3-D: diffusion (one section with no
    diffusion beyond its middle), and a section with a calcium leak current and a buffer."""
    dend = sim.Section("dend")
    dend.diam, dend.nseg, dend.L = 2.0, 21, 20.0
    cell = sim.Section("cell")
    sim.pt3d(cell, [(-20, 10, 0, 6), (-10, 10, 0, 6)])
    cell.nseg = 5
    sim.insert(cell, "tcaleak")
    rxd.set_solve_type(dimension=3)
    r = rxd.Region([dend], dx=0.5)
    a = rxd.Species(r, d=1, initial=lambda node: 1 if 0.3 < node.x < 0.45 else 0)
    for nd in a.nodes:
        if nd.x > 0.5:
            nd.d = 0
    cyt = rxd.Region([cell], nrn_region="i", dx=1.0)
    ca = rxd.Species(cyt, name="ca", d=0.5, charge=2, initial=1e-4)
    buf = rxd.Species(cyt, d=0.05, initial=0.01)
    cabuf = rxd.Species(cyt, d=0.05, initial=0.0)
    react = rxd.Reaction(ca + buf, cabuf, 50.0, 0.5)
    sim.cvode(True, atol=1e-6)
    sim.finitialize(-65)
    out = {}
    for t in (0.5, 2.0, 6.0):
        sim.solve(t)
        out["a_%g" % t] = list(a.nodes.concentration)[::3]
        out["ca_%g" % t] = list(ca.nodes.concentration)[::4]
        out["cabuf_%g" % t] = list(cabuf.nodes.concentration)[::4]
        out["cai_%g" % t] = [seg.cai for seg in cell]
    return out


def cvode_ecs_inhomogeneous(sim, rxd):
    """The variable step method on extracellular grids with a varying volume fraction and a
    varying permeability (one grid each), one with a fixed-concentration boundary."""
    import numpy
    sec = sim.Section("sec")  # noqa: F841 (kept alive: the model has a section)
    ecs1 = rxd.Extracellular(0, 0, 0, 30, 25, 20, dx=5,
                             volume_fraction=lambda x, y, z: 0.15 + 0.004 * x + 0.0004 * y * z,
                             tortuosity=lambda x, y, z: 1.4 + 0.01 * x + 0.005 * y)
    perm = numpy.fromfunction(lambda i, j, k: 0.3 + 0.05 * i + 0.02 * k, (5, 4, 6))
    ecs2 = rxd.Extracellular(0, 0, 0, 25, 20, 30, dx=5, volume_fraction=0.2, permeability=perm)
    c = rxd.Species(ecs1, d=1.0, initial=lambda nd: 5.0 if nd.x3d < 10 and nd.y3d < 10 else 1.0)
    e = rxd.Species(ecs2, d=2.0, initial=lambda nd: 4.0 if nd.z3d > 20 else 0.5,
                    ecs_boundary_conditions=0.5)
    sim.cvode(True, atol=1e-6)
    sim.finitialize(-65)
    out = {}
    for t in (0.5, 3.0):
        sim.solve(t)
        out["c_%g" % t] = [float(x) for x in c[ecs1].states3d.flatten()]
        out["e_%g" % t] = [float(x) for x in e[ecs2].states3d.flatten()]
    return out


MODELS = {f.__name__: f for f in (cvode_ecs_inhomogeneous, cvode_ics, cvode_ecs, cvode_ecs_mcr, cvode_mcr, cvode_tree, cvode_bistable, ics_flux_state, ics_diffusion, ics_currents, ics_branch_reactions, ics_inhomogeneous, d_changes, more_geometry, diffusion_tree, bistable, trivial_ecs, ion_coupling, mcr_flux,
                                   er_calcium, ecs_currents, geometry_3d, math_rates, ecs_reactions,
                                   ecs_inhomogeneous, ecs_permeability, ecs_mcr)}
TOLERANCE = 1e-9


def compare(out: dict, ref: dict, tol: float = TOLERANCE) -> list:
    """Keys whose values differ from the reference by more than tol (absolute), relative
    for values larger than 1."""
    bad = []
    for key, expected in ref.items():
        got = out.get(key)
        if got is None or len(got) != len(expected):
            bad.append((key, "length %s != %d" % (None if got is None else len(got), len(expected))))
            continue
        for i, (x, y) in enumerate(zip(got, expected)):
            if not math.isclose(x, y, rel_tol=tol, abs_tol=tol):
                bad.append((key, "[%d] %r != %r" % (i, x, y)))
                break
    return bad
