"""One small mechanism per construct, compiled and run through the ABI, each checked against
numbers derived by hand (or NEURON's own formulas)."""
import math

import numpy as np
import pytest

from .harness import Cell, Context, Instances, Ion

DT = 0.025


def run(lib, name, nsteps, ncell=1, setup=None, **kw):
    cell = Cell(lib, ncell, **kw)
    inst = cell.insert(name)
    if setup:
        setup(inst)
    cell.finitialize(-65)
    for _ in range(nsteps):
        cell.fadvance()
    return cell, inst


def test_cnexp_exact_exponential(testlib):
    cell, x = run(testlib, "tcnexp", 40)
    t = 40 * DT
    assert x["x"][0] == pytest.approx(2 * (1 - math.exp(-t / 3)), rel=1e-12)
    assert x["y"][0] == pytest.approx(1 + 0.5 * t, rel=1e-13)


def test_derivimplicit_backward_euler_with_newton(testlib):
    cell, x = run(testlib, "tdimp", 20)
    y = 1.0
    for _ in range(20):   # exact backward-Euler step of y' = -k y^2
        k = 0.7
        y = (-1 + math.sqrt(1 + 4 * k * DT * y)) / (2 * k * DT)
    assert x["y"][0] == pytest.approx(y, rel=1e-9)


def test_euler(testlib):
    cell, x = run(testlib, "teuler", 10)
    y, z = 1.0, 2.0
    for _ in range(10):
        y, z = y + DT * (-0.5 * y), z + DT * y
    assert (x["y"][0], x["z"][0]) == (pytest.approx(y, rel=1e-14), pytest.approx(z, rel=1e-14))


def test_runge(testlib):
    cell, x = run(testlib, "trunge", 10)
    h, k = DT, 0.5
    f = 1 - k * h + (k * h) ** 2 / 2 - (k * h) ** 3 / 6 + (k * h) ** 4 / 24
    assert x["y"][0] == pytest.approx(f ** 10, rel=1e-13)


def test_kinetic_steadystate_and_sparse(testlib):
    cell = Cell(testlib, 1)
    x = cell.insert("tkin")
    cell.finitialize(-65)
    # STEADYSTATE sparse = one backward-Euler step of dt = 1e9 from the states' initial 0
    a_ss = 0.1 / (0.4 + 1e-9)
    assert (x["A"][0], x["B"][0]) == (pytest.approx(a_ss, rel=1e-14), pytest.approx(1 - a_ss, rel=1e-14))
    x["A"] = 1.0
    x["B"] = 0.0
    cell.fadvance()
    # backward Euler of A' = -kf A + kb B with A + B = 1
    a = (1.0 + DT * 0.1) / (1 + DT * (0.3 + 0.1))
    assert x["A"][0] == pytest.approx(a, rel=1e-12)
    assert x["A"][0] + x["B"][0] == pytest.approx(1.0, abs=1e-15)
    assert x["flux"][0] == pytest.approx(0.3 * a - 0.1 * (1 - a), rel=1e-12)


def test_kinetic_nonlinear_compartment_flux(testlib):
    cell, x = run(testlib, "tkin2", 1)
    # one backward-Euler step, solved by Newton to convergence (sum |dx| < 1e-6)
    c0, x0, cx0 = 1.0, 0.5, 0.0
    vol, kon, koff, src, ks = 2.0, 2.0, 0.5, 0.1, 0.2

    def F(u):
        c, xx, cx = u
        r = kon * c * xx - koff * cx
        return np.array([vol * (c - c0) / DT + r,
                         vol * (xx - x0) / DT + r - src,
                         vol * (cx - cx0) / DT - r + ks * cx])
    u = np.array([c0, x0, cx0])
    for _ in range(30):
        J = np.zeros((3, 3))
        for j in range(3):
            e = np.zeros(3)
            e[j] = 1e-7
            J[:, j] = (F(u + e) - F(u - e)) / 2e-7
        u = u - np.linalg.solve(J, F(u))
    assert [x["C"][0], x["X"][0], x["CX"][0]] == pytest.approx(list(u), rel=1e-6)


def test_linear_and_nonlinear(testlib):
    cell = Cell(testlib, 1)
    lin = cell.insert("tlin")
    nl = cell.insert("tnonlin")
    cell.finitialize(-65)
    # 2x + y = 5, x - 3y = -1
    assert (lin["x"][0], lin["y"][0]) == (pytest.approx(2.0, rel=1e-14), pytest.approx(1.0, rel=1e-14))
    assert nl["x"][0] == pytest.approx(math.sqrt(2), rel=1e-9)


def test_tables(testlib):
    ctx = Context(1)
    ctx.set_api(testlib)
    c = ctx.ctx
    testlib.set_global("ttab", "usetable", 1)
    # between table points: linear interpolation of exp(x/2) on a 1-spaced grid
    v = testlib.call("ttab", "f", 0.3, ctx=c)
    assert v == pytest.approx(math.exp(0) + 0.3 * (math.exp(0.5) - 1), rel=1e-14)
    assert testlib.call("ttab", "f", 12.0, ctx=c) == pytest.approx(math.exp(5), rel=1e-14)
    testlib.set_global("ttab", "usetable", 0)
    assert testlib.call("ttab", "f", 0.3, ctx=c) == pytest.approx(math.exp(0.15), rel=1e-15)
    # DEPEND: changing slope rebuilds the table
    testlib.set_global("ttab", "usetable", 1)
    testlib.set_global("ttab", "slope", 4)
    assert testlib.call("ttab", "f", 2.0, ctx=c) == pytest.approx(math.exp(0.5), rel=1e-14)
    testlib.set_global("ttab", "slope", 2)
    inst = Instances(testlib, "ttab", ctx, [0])
    testlib.call("ttab", "p", 0.3, inst=inst, ctx=c)
    # sinf = 2x^2 on points 0, .25, .5, ...: interpolated between .25 and .5
    assert testlib.call("ttab", "getsinf", inst=inst, ctx=c) == pytest.approx(
        2 * 0.0625 + 0.2 * (2 * 0.25 - 2 * 0.0625), rel=1e-14)
    assert testlib.call("ttab", "getstau", inst=inst, ctx=c) == pytest.approx(1.3, rel=1e-14)


def test_functions_control_flow(testlib):
    ctx = Context(1)
    ctx.set_api(testlib)
    c = ctx.ctx
    call = lambda f, *a, **k: testlib.call("tctl", f, *a, ctx=c, **k)
    assert call("fact", 6) == 720
    assert call("fib", 20) == 6765
    assert call("loops", 3) == 0 + 4 + 16 + 3
    assert call("ops", 3, 1) == -9 + 512 + 1 + 1 + 1 + 3
    inst = Instances(testlib, "tctl", ctx, [0])
    call("addto", 2, inst=inst)
    call("addto", 3, inst=inst)
    assert call("getacc", inst=inst) == 50


def test_units_constants(testlib):
    got = [testlib.call("tunits", "get", i) for i in range(7)]
    assert got == [96485.33212331001, 8.31446261815324, 96.48533212331002, 9.999999999999999e-05,
                   3.141592653589793, 96520.0, 2.0]


def test_ion_reads_writes(testlib):
    cell = Cell(testlib, 1)
    cell.ions["na"] = Ion("na", 1, 0)
    cell.ions["ca"] = Ion("ca", 1, 3 + 32 + 64 + 128)
    m = cell.insert("tion")
    cell.finitialize(-60)
    assert m["seen_nai"][0] == 10.0
    na, ca = cell.ions["na"], cell.ions["ca"]
    # ina = g (v - ena)^2/100 and dina/dv by the 0.001 mV difference
    assert na["cur"][0] == pytest.approx(0.01 * 110 ** 2 / 100, rel=1e-12)
    assert na["dcurdv"][0] == pytest.approx(0.01 * (-2 * 110 + 0.001) / 100, rel=1e-9)
    # cai written at INITIAL, and eca recomputed from it (style has einit)
    assert ca["ci"][0] == 2e-4
    z = 2.0
    e = 1000 * 8.31446261815324 * (6.3 + 273.15) / 96485.33212331001 / z * math.log(2.0 / 2e-4)
    assert ca["e"][0] == pytest.approx(e, rel=1e-13)
    cell.fadvance()
    assert ca["ci"][0] == pytest.approx(2e-4 * math.exp(-DT), rel=1e-12)
    # under CVODE the integrator's cai (the STATE column) is kept and reaches the ion
    assert m.meta["ode_synonym"]
    m["cai"] = 3e-4
    m.desc.ode_spec(cell.ctx.ctx, m.m)
    assert m["Dcai"][0] == pytest.approx(-ca["cur"][0] / 10 - 3e-4, rel=1e-14)
    assert ca["ci"][0] == 3e-4
    m["cai"] = 4e-4
    m.desc.ode_synonym(cell.ctx.ctx, m.m)
    assert ca["ci"][0] == 4e-4


def test_ode_synonym_from_a_kinetic_state(testlib):
    cell = Cell(testlib, 1)
    cell.ions["ca"] = Ion("ca", 1, 3 + 32 + 64 + 128)
    m = cell.insert("tsyn")
    cell.finitialize(-65)
    assert m.meta["ode_synonym"] and m.meta["cvode"]
    m["c"][0] = 7e-4   # the integrator sets the states; cai = c[0] follows
    m.desc.ode_synonym(cell.ctx.ctx, m.m)
    assert cell.ions["ca"]["ci"][0] == 7e-4


def test_point_process_scaling(testlib):
    cell = Cell(testlib, 1, area=250.0)
    p = cell.insert("tpoint")
    cell.finitialize(-65)
    # rhs -= i*100/area, d += g*100/area
    assert cell.ctx.rhs[0] == pytest.approx(-0.002 * (-75) * 100 / 250, rel=1e-12)
    assert cell.ctx.d[0] == pytest.approx(0.002 * 100 / 250, rel=1e-9)
    assert p["i"][0] == pytest.approx(0.002 * -75, rel=1e-14)


def test_electrode_current(testlib):
    cell = Cell(testlib, 1, area=400.0)
    cell.insert("telec")
    cell.finitialize(-65)
    nd, i_rhs, g = testlib.electrode[-1]
    assert i_rhs == pytest.approx((0.5 + 0.01 * 65) * 100 / 400, rel=1e-12)
    assert g == pytest.approx(-0.01 * 100 / 400, rel=1e-8)
    assert cell.ctx.rhs[0] == pytest.approx(i_rhs) and cell.ctx.d[0] == pytest.approx(-g)


def test_net_receive_events_and_watch(testlib):
    cell = Cell(testlib, 1)
    p = cell.insert("tnet")
    cell.finitialize(-65)
    assert cell.queue[0][0] == 2.0 and cell.queue[0][4] == 7   # net_send(2, 7) from INITIAL
    w = p.net_init(0, [0.5, 9, 9])
    assert w == [0.5, 0, -5]
    testlib.events.clear()
    w = p.net_receive(0, [0.5, 0, -5], 0.0, t=3.0)
    assert w == [0.5, 1, 3.0] and p["count"][0] == 0.5
    assert testlib.events[-1][0] == "net_send" and testlib.events[-1][3] == 4.5
    p.net_receive(0, [0.0] * 3, 7.0, t=3.5)
    assert list(testlib.watch.values()) == [2.0] and p["last"][0] == 3.5
    cell.ctx.v[0] = -30
    assert p.watch_cond(0, 1) == pytest.approx(-10)
    cell.ctx.v[0] = -10
    assert p.watch_cond(0, 1) == pytest.approx(10)
    p.net_receive(0, [0.0] * 3, 2.0, t=4.0)
    assert testlib.events[-1][:1] == ("net_event",) and testlib.events[-1][3] == 4.0


def test_artificial_cell_net_move(testlib):
    ctx = Context(1)
    ctx.set_api(testlib)
    a = Instances(testlib, "tart", ctx, [-1])
    a.initialize()
    assert testlib.events[-1][0] == "net_send" and testlib.events[-1][3] == 10.0
    a.net_receive(0, [1.0], 0.0, t=2.0)
    assert testlib.events[-1] == ("net_move", a.key, 0, 6.0)


def test_verbatim(testlib):
    ctx = Context(1)
    ctx.set_api(testlib)
    ctx.ctx.t = 1.5
    inst = Instances(testlib, "tverb", ctx, [0])
    assert testlib.call("tverb", "f", 2.0, inst=inst, ctx=ctx.ctx) == 2 * 3.0 + 3 + 2.0
    testlib.call("tverb", "settime", inst=inst, ctx=ctx.ctx)
    assert testlib.call("tverb", "getb", inst=inst, ctx=ctx.ctx) == 1.5 + 0.025
    testlib.call("tverb", "settime7", inst=inst, ctx=ctx.ctx)
    assert testlib.call("tverb", "getb", inst=inst, ctx=ctx.ctx) == 3.0 + 0.025
    assert testlib.call("tverb", "vsum", np.array([1.0, 2.0, 4.0]), inst=inst, ctx=ctx.ctx) == 21.0


def test_pointer(testlib):
    cell = Cell(testlib, 1)
    p = cell.insert("tptr")
    p.pointer_targets["src"][0] = 21.0
    cell.finitialize(-65)
    cell.fadvance()
    assert p["copy"][0] == 42.0


def test_builtins(testlib):
    call = lambda f, *a: testlib.call("tbuilt", f, *a)
    assert call("e", -800) == 0.0
    assert call("e", 800) == math.exp(700)
    assert call("e", 1.5) == math.exp(1.5)
    assert call("er", 0.0) == 1.0
    assert call("er", 2.0) == pytest.approx(2 / (math.exp(2) - 1), rel=1e-15)
    # NEURON 9.0.2: ghk(-10, .1, 10, 2) = -2828.3285716150644 at 6.3 degC
    assert call("gk", -10, .1, 10, 2) == pytest.approx(-2828.3285716150644, rel=1e-13)
    x = 2.5
    assert call("m", x) == pytest.approx(math.sqrt(x) + math.log(x) + math.log10(x) + x + x * x
                                         + 2 + 3 + math.atan2(x, 1), rel=1e-15)


def test_before_after_blocks(testlib):
    cell = Cell(testlib, 1)
    m = cell.insert("tba")
    cell.finitialize(-65)
    for f in ("before_initial", "after_initial"):
        getattr(m.desc, f)(cell.ctx.ctx, m.m)
    for _ in range(3):
        for f in ("before_breakpoint", "after_solve", "before_step"):
            getattr(m.desc, f)(cell.ctx.ctx, m.m)
    assert [m[k][0] for k in ("nbi", "nai_", "nbb", "nas", "nbs")] == [1, 1, 3, 3, 3]


def test_constructor_destructor(testlib):
    ctx = Context(1)
    ctx.set_api(testlib)
    p = Instances(testlib, "tcons", ctx, [0])
    p.desc.constructor(ctx.ctx, p.m, 0)
    assert p["made"][0] == 42
    p.desc.destructor(ctx.ctx, p.m, 0)
    assert p["made"][0] == -1


def test_globals_arrays_and_state0(testlib):
    meta = testlib.meta("tglob")
    g = {x["name"]: x for x in meta["globals"]}
    assert g["gscalar"]["limits"] == [0, 10] and g["garr"]["size"] == 3
    cols = {c["name"]: c for c in meta["columns"]}
    assert cols["r"]["size"] == 3 and cols["r"]["range"]
    cell = Cell(testlib, 2)
    m = cell.insert("tglob")
    cell.finitialize(-65)
    glob = testlib.globals("tglob")
    assert list(glob[g["garr"]["index"]:g["garr"]["index"] + 3]) == [5, 6, 7]
    assert [testlib.call("tglob", "getr", k, inst=m, i=1, ctx=cell.ctx.ctx) for k in range(3)] == [0, 10, 20]
    assert m["s"][0] == 0.25   # STATE s starts at its PARAMETER s0


def test_include(testlib):
    assert testlib.call("tinc", "g", 2.0) == 7.0


def test_random(testlib):
    ctx = Context(1)
    ctx.set_api(testlib)
    r = Instances(testlib, "trand", ctx, [-1])
    r.initialize()
    assert 10 <= r["u"][0] <= 20


def test_at_time(testlib):
    cell = Cell(testlib, 1)
    m = cell.insert("tattime")
    cell.finitialize(-65)
    for _ in range(80):
        cell.fadvance()
    # at_time(1) is true on the one step whose (t - dt, t] holds 1 - 1e-11; without currents
    # the BREAKPOINT statements run once per step, after the states (as in NEURON)
    assert m["hit"][0] == 1


def test_secondorder_halves_dt_and_extrapolates(testlib):
    cell = Cell(testlib, 1)
    cell.ctx.ctx.secondorder = 1
    m = cell.insert("tsec")
    cell.finitialize(-65)
    cell.fadvance()
    k, h = 0.3, DT / 2
    y_half = 1 / (1 + k * h)            # backward Euler over dt/2
    assert m["y"][0] == pytest.approx(y_half + h * (-k * y_half), rel=1e-9)


def test_for_netcons(testlib):
    ctx = Context(1)
    ctx.set_api(testlib)
    p = Instances(testlib, "tfnc", ctx, [0])
    testlib.netcon_weights[(p.key, 0)] = [np.array([1.5]), np.array([2.0]), np.array([-0.5])]
    p.net_receive(0, [0.0], 0.0)
    assert p["total"][0] == 3.0


def test_kinetic_cvode_forms(testlib):
    # ode_spec gives dA/dt, dB/dt of A <-> B; ode_matsol solves (1 - dt*J) x = D
    ctx = Context(1)
    ctx.set_api(testlib)
    k = Instances(testlib, "tkin", ctx, [0])
    k["A"], k["B"] = 0.6, 0.4
    k.desc.ode_spec(ctx.ctx, k.m)
    dA, dB = -0.3 * 0.6 + 0.1 * 0.4, 0.3 * 0.6 - 0.1 * 0.4
    assert (k["DA"][0], k["DB"][0]) == (pytest.approx(dA, rel=1e-14), pytest.approx(dB, rel=1e-14))
    assert k["flux"][0] == pytest.approx(-dA, rel=1e-14)
    ctx.ctx.dt = 0.5
    k.desc.ode_matsol(ctx.ctx, k.m)
    J = np.array([[-0.3, 0.1], [0.3, -0.1]])
    x = np.linalg.solve(np.eye(2) - 0.5 * J, [dA, dB])
    assert [k["DA"][0], k["DB"][0]] == pytest.approx(list(x), rel=1e-12)
    # statements using f_flux/b_flux are not part of the Jacobian solve (nocmodl drops them)
    assert k["flux"][0] == pytest.approx(-dA, rel=1e-14)


def test_derivative_cvode_forms(testlib):
    ctx = Context(1)
    ctx.set_api(testlib)
    c = Instances(testlib, "tcnexp", ctx, [0])
    c["x"] = 0.5
    c.desc.ode_spec(ctx.ctx, c.m)
    assert c["Dx"][0] == pytest.approx((2 - 0.5) / 3, rel=1e-15)
    ctx.ctx.dt = 0.1
    c.desc.ode_matsol(ctx.ctx, c.m)
    assert c["Dx"][0] == pytest.approx(((2 - 0.5) / 3) / (1 + 0.1 / 3), rel=1e-15)


def test_scop_random_sequence_matches_neuron(testlib):
    # NEURON 9.0.2 after seed_scoprand(7): 3 uniform, 2 exprand(2), 2 normrand(1, 3),
    # 3 poisrand(4); then seed 1 and one uniform.
    neuron = [0.6055869629153952, 0.9666987950836072, 0.0166171914936549, 0.10534950073698997,
              0.6057217463804847, 0.6214032680722622, 3.5777646542067263, 6.0, 2.0, 7.0]
    call = lambda f, *a: testlib.call("scoprand", f, *a)
    call("seed", 7)
    got = [call("uniform") for _ in range(3)] + [call("expo", 2.0) for _ in range(2)]
    got += [call("nrm", 1.0, 3.0) for _ in range(2)] + [call("poiss", 4.0) for _ in range(3)]
    assert got == pytest.approx(neuron, rel=1e-15)
    call("seed", 1)
    assert call("uniform") == 0.6056517089264588


def test_discrete_block_with_past_values(testlib):
    # NEURON 9.0.2 prints these four steps for this file (one instance)
    cell, d = run(testlib, "tdisc", 0)
    got = []
    for _ in range(4):
        cell.fadvance()
        got.append((d["a"][0], d.p[d.col("b"), 0], d.p[d.col("b") + 1, 0]))
    assert got == [(1.0, 3.0, 3.0), (1.5, 3.0, 4.0), (2.0, 4.0, 4.0), (2.75, 4.0, 5.0)]


def test_discrete_history_and_time_shared_by_instances_as_in_neuron(testlib):
    """nocmodl gives a DISCRETE block one history for all instances and advances t by dt
    at each instance's SOLVE: NEURON 9.0.2 prints these for three instances."""
    cell, d = run(testlib, "tdisc", 0, ncell=3)
    want_t = [0.1, 0.19999999999999998, 0.30000000000000004, 0.40000000000000013]
    want_a = [[1.0, 1.5, 1.5], [1.5, 2.0, 2.25], [2.25, 2.75, 3.25], [3.375, 3.875, 4.625]]
    want_b0 = [3.0, 3.0, 4.0, 4.0]
    for k in range(4):
        cell.fadvance()
        assert cell.t == pytest.approx(want_t[k], abs=1e-14)
        assert list(d["a"]) == want_a[k]
        assert list(d.p[d.col("b"), :3]) == [want_b0[k]] * 3


def test_bbcorepointer_handle(testlib):
    ctx = Context(1)
    ctx.set_api(testlib)
    b = Instances(testlib, "tbbcore", ctx, [0, 0])
    for i in range(2):
        b.desc.constructor(ctx.ctx, b.m, i)
    assert testlib.call("tbbcore", "get", inst=b, i=1, ctx=ctx.ctx) == -1.0
    testlib.call("tbbcore", "put", 1.5, inst=b, i=1, ctx=ctx.ctx)
    assert testlib.call("tbbcore", "get", inst=b, i=1, ctx=ctx.ctx) == 3.0
    assert testlib.call("tbbcore", "get", inst=b, i=0, ctx=ctx.ctx) == -1.0
    for i in range(2):
        b.desc.destructor(ctx.ctx, b.m, i)
    assert testlib.call("tbbcore", "get", inst=b, i=1, ctx=ctx.ctx) == -1.0
