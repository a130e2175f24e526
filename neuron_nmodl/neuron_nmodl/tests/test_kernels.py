"""The generated kernels' shortcuts against the arithmetic they replace: currents of point
processes sharing a node (NEURON's order for a few, partial sums for many), cnexp factors
kept between steps, and v kept in a C local when no other code reads the instance's v."""
import math
import os

import numpy as np
import pytest

from ..driver import translate
from ..codegen.vcolumn import v_column_live
from .conftest import MOD_DIR, stdmech_mods
from .harness import Context, Instances

DT = 0.025


def expsyns(lib, nodes, nnode, seed=3):
    rng = np.random.default_rng(seed)
    ctx = Context(nnode)
    ctx.set_api(lib)
    ctx.v[:] = rng.uniform(-80, 20, nnode)
    ctx.area[:] = rng.uniform(300, 3000, nnode)
    inst = Instances(lib, "ExpSyn", ctx, nodes)
    inst.initialize()
    n = len(nodes)
    inst["g"] = rng.uniform(0, 1e-2, n)
    inst["e"] = np.where(np.arange(n) % 3 == 0, -80.0, 0.0)
    return ctx, inst


def neuron_current(ctx, inst, nd, members):
    """NEURON's nrn_cur for ExpSyn, instance by instance onto node nd."""
    rhs, d = ctx.rhs[nd], ctx.d[nd]
    v = ctx.v[nd]
    for i in members:
        g, e = inst["g"][i], inst["e"][i]
        g_local = g * ((v + .001) - e)
        cur = g * (v - e)
        rhs -= cur * (1.e2 / ctx.area[nd])
        d += ((g_local - cur) / .001) * (1.e2 / ctx.area[nd])
    return rhs, d


def test_point_currents_few_per_node_in_neurons_order(stdlib):
    nodes = [0, 0, 0, 1, 2, 2, 2, 2, 2, 2, 2]          # runs of 3, 1 and 7
    ctx, inst = expsyns(stdlib, nodes, 3)
    ctx.rhs[:] = [0.5, -0.25, 1.5]
    ctx.d[:] = [2.0, 3.0, 4.0]
    want = [neuron_current(ctx, inst, nd, [i for i, x in enumerate(nodes) if x == nd])
            for nd in range(3)]
    inst.current()
    for nd in range(3):
        assert (ctx.rhs[nd], ctx.d[nd]) == want[nd]          # bit for bit
    v = ctx.v[np.array(nodes)]
    assert np.array_equal(inst["i"], inst["g"] * (v - inst["e"]))


@pytest.mark.parametrize("per_node", [8, 100, 300])   # 300: a run across kernel blocks
def test_point_currents_many_per_node_summed(stdlib, per_node):
    nodes = [0] * 5 + [1] * per_node + [2] * 9
    ctx, inst = expsyns(stdlib, nodes, 3)
    want = [neuron_current(ctx, inst, nd, [i for i, x in enumerate(nodes) if x == nd])
            for nd in range(3)]
    inst.current()
    assert (ctx.rhs[0], ctx.d[0]) == want[0]
    for nd in (1, 2):
        assert ctx.rhs[nd] == pytest.approx(want[nd][0], rel=1e-13, abs=1e-16)
        assert ctx.d[nd] == pytest.approx(want[nd][1], rel=1e-13)


def _hh_block(lib, nodes, nnode):
    rng = np.random.default_rng(11)
    ctx = Context(nnode)
    ctx.set_api(lib)
    inst = Instances(lib, "hh", ctx, nodes)
    inst.table_check()
    inst.initialize()
    n = len(nodes)
    ctx.v[np.array(nodes)] = rng.uniform(-80, 30, n)
    for name in ("m", "h", "n"):
        inst[name] = rng.uniform(0, 1, n)
    inst.current()
    ion = inst.ions
    nd = np.array(nodes)
    return (ctx.rhs[nd], ctx.d[nd], ion["na"]["cur"][nd], ion["na"]["dcurdv"][nd],
            ion["k"]["cur"][nd], ion["k"]["dcurdv"][nd], inst["ina"], inst["il"])


def test_density_currents_contiguous_and_scattered_nodes_agree(stdlib):
    """Consecutive nodes take the contiguous-array path, every other node the indexed
    one; both are NEURON's arithmetic, bit for bit."""
    n = 300   # more than a kernel block
    a = _hh_block(stdlib, list(range(n)), n)
    b = _hh_block(stdlib, list(range(0, 2 * n, 2)), 2 * n)
    for x, y in zip(a, b):
        assert np.array_equal(x, y)
    v = a[6]   # ina = gna*(v - ena) as NEURON computes it
    assert np.all(np.isfinite(v)) and np.any(v != 0)


def test_cnexp_factors_follow_parameter_and_dt_changes(stdlib):
    n = 40
    ctx, inst = expsyns(stdlib, [k // 10 for k in range(n)], 4)
    taus = np.random.default_rng(5).uniform(1, 10, n)
    g = inst["g"].copy()

    def step(tau, dt):
        # NEURON's cnexp update with the C library's (scalar) exp
        return np.array([g[k] + (1. - math.exp(dt * ((-1.0) / t))) * (-(0.0) / ((-1.0) / t) - g[k])
                         for k, t in enumerate(tau)])

    changed = taus.copy()
    changed[7] = 3.0
    for tau, dt in ((taus, DT), (taus, DT), (changed, DT), (changed, 0.01)):
        inst["tau"] = tau
        ctx.ctx.dt = dt
        inst.state()
        assert np.array_equal(inst["g"], step(tau, dt))
        g = inst["g"].copy()


def test_v_in_net_receive_is_the_last_callbacks_v(testlib):
    ctx = Context(1)
    ctx.set_api(testlib)
    inst = Instances(testlib, "tvread", ctx, [0])
    inst.initialize()
    ctx.v[0] = -30.0
    inst.state()
    inst.net_receive(0, [1.0])
    assert inst["vseen"][0] == -30.0


@pytest.mark.parametrize("path,live", [
    ("expsyn.mod", False), ("hh.mod", False), ("pas.mod", False), ("svclmp.mod", True),
    (os.path.join(MOD_DIR, "t_vread.mod"), True), (os.path.join(MOD_DIR, "t_verbatim.mod"), True),
])
def test_v_column_kept_only_when_read_elsewhere(path, live):
    if not os.path.isabs(path):
        path = next(p for p in stdmech_mods() if p.endswith(os.sep + path))
    assert v_column_live(translate(path).model) is live
