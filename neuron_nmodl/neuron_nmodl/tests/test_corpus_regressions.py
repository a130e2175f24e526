"""Behaviours found by compiling and running public model files against NEURON 9.0.2, each
checked here with a small .mod file of this folder and the numbers NEURON 9.0.2 gives for it
(the same file built with NEURON's nrnivmodl, run from NEURON's Python)."""
import numpy as np
import pytest

from .harness import Cell, Context, Instances


def test_parameter_defaults_have_six_significant_digits_as_in_neuron(testlib):
    # NEURON 9.0.2: tpdef.pr 1.23457, pg_tpdef 2.71828, fpn_tpdef() 0.000123457,
    # tpdef.big 5061980.0 (a model's seed = 5061983 seeds 5061980), fcc_tpdef() and
    # flit_tpdef() 1.23456789, res after finitialize 3.9528499999999998
    meta = testlib.meta("tpdef")
    defaults = {c["name"]: c.get("default") for c in meta["columns"]}
    assert defaults["pr"] == 1.23457 and defaults["big"] == 5061980.0
    assert testlib.global_value("tpdef", "pg") == 2.71828
    ctx = Context(1)
    ctx.set_api(testlib)
    inst = Instances(testlib, "tpdef", ctx, [0])
    assert testlib.call("tpdef", "fpn", inst=inst, ctx=ctx.ctx) == 0.000123457
    assert testlib.call("tpdef", "fcc", inst=inst, ctx=ctx.ctx) == 1.23456789
    assert testlib.call("tpdef", "flit", inst=inst, ctx=ctx.ctx) == 1.23456789
    inst.initialize()
    assert inst["res"][0] == 3.9528499999999998


def test_net_receive_assigning_v_sets_the_membrane_potential(testlib):
    # NEURON 9.0.2: the self event of INITIAL (net_send(0, 1)) is handled during finitialize(-65):
    # seen = -65 and v = -58 after it; v stays -58 (to 3e-14) after a step with no current
    cell = Cell(testlib, 1)
    p = cell.insert("tnrv")
    cell.finitialize(-65)          # delivers the event at t = 0, as NEURON's finitialize
    assert p["seen"][0] == -65.0 and cell.ctx.v[0] == -58.0
    p["v"][0] = -80.0              # a stale column: v is read from the node
    p.net_receive(0, [0.0], 1.0, t=0.0)
    assert p["seen"][0] == -58.0 and cell.ctx.v[0] == -51.0


def test_verbatim_names_of_model_files(testlib):
    # NEURON 9.0.2 with cai = 2.5e-4: ioncai() 0.25, newer() 1 (NRN_VERSION_GTEQ_8_2_0 is
    # defined), vlast(Vector([1, 2, 5])) 8
    cell = Cell(testlib, 1)
    inst = cell.insert("tverb2")
    cell.finitialize(-65)
    cell.ions["ca"]["ci"][0] = 2.5e-4
    ctx = cell.ctx.ctx
    assert testlib.call("tverb2", "ioncai", inst=inst, ctx=ctx) == pytest.approx(0.25, rel=1e-15)
    assert testlib.call("tverb2", "newer", inst=inst, ctx=ctx) == 1.0
    assert testlib.call("tverb2", "vlast", np.array([1.0, 2.0, 5.0]), inst=inst, ctx=ctx) == 8.0


def test_verbatim_of_older_files(testlib):
    # NEURON 9.0.2: calls_tverb3(1.5) 29 (twice(x) and twice(_threadargscomma_ 10) alike, with a
    # range variable named rand), handle_tverb3() 42, mainthread_tverb4() 1
    ctx = Context(1)
    ctx.set_api(testlib)
    inst = Instances(testlib, "tverb3", ctx, [0])
    assert testlib.call("tverb3", "calls", 1.5, inst=inst, ctx=ctx.ctx) == 29.0
    assert testlib.call("tverb3", "handle", inst=inst, ctx=ctx.ctx) == 42.0
    inst4 = Instances(testlib, "tverb4", ctx, [0])
    assert testlib.call("tverb4", "mainthread", inst=inst4, ctx=ctx.ctx) == 1.0


def test_table_of_a_file_local(testlib):
    # NEURON 9.0.2 after finitialize: probe(12.3) 1.1308963111029495, probe(-150)
    # 0.36787944117144233, probe(7) 1.0725081812542165; usetable 0: 1.1308844209474893
    ctx = Context(1)
    ctx.set_api(testlib)
    inst = Instances(testlib, "ttabloc", ctx, [0])
    inst.table_check()
    probe = lambda x: testlib.call("ttabloc", "probe", x, inst=inst, ctx=ctx.ctx)  # noqa: E731
    assert probe(12.3) == pytest.approx(1.1308963111029495, rel=1e-14)
    assert probe(-150) == pytest.approx(0.36787944117144233, rel=1e-14)
    assert probe(7) == pytest.approx(1.0725081812542165, rel=1e-14)
    testlib.set_global("ttabloc", "usetable", 0.0)
    assert probe(12.3) == pytest.approx(1.1308844209474893, rel=1e-14)
    testlib.set_global("ttabloc", "usetable", 1.0)


def test_derivimplicit_goes_on_with_nan_as_neuron(testlib):
    # NEURON 9.0.2: after finitialize(-65) and two steps, x and z are both nan, no error
    cell = Cell(testlib, 1)
    inst = cell.insert("tnan")
    cell.finitialize(-65)
    cell.fadvance()
    cell.fadvance()
    assert testlib.errors == [] or not any("tnan" in e for e in testlib.errors)
    assert np.isnan(inst["x"][0]) and np.isnan(inst["z"][0])


def test_verbatim_return_in_initial_ends_one_instance_only(testlib):
    # NEURON 9.0.2 with nseg = 3: x is [3.0, 3.0, 3.0] after finitialize
    cell = Cell(testlib, 3)
    inst = cell.insert("tinitret")
    cell.finitialize(-65)
    assert list(inst["x"][:3]) == [3.0, 3.0, 3.0]


def test_table_of_array_variables(testlib):
    # NEURON 9.0.2, probe(v, j) after finitialize: j = 0..2 inf[j], 3..4 tau[j-3], 5 s
    ctx = Context(1)
    ctx.set_api(testlib)
    inst = Instances(testlib, "ttabarr", ctx, [0])
    inst.table_check()
    probe = lambda v: [testlib.call("ttabarr", "probe", v, j, inst=inst, ctx=ctx.ctx)  # noqa: E731
                       for j in range(6)]
    assert probe(-37.3) == pytest.approx([0.02410226118829454, 0.06277931887315226,
                                          0.15334312698560656, 0.2894124244471171,
                                          2.765623540975727, 1397.4999999999995], rel=1e-14)
    assert probe(-150) == pytest.approx([4.5397868702434395e-05, 0.00012339457598623172,
                                         0.0003353501304664781, 0.035673993347252395,
                                         1.0110128832803071, 10000.0], rel=1e-14)
    assert probe(99.99) == pytest.approx([0.99995454323458, 0.9999832769096135,
                                          0.999993847853765, 28.023018161121517,
                                          2.9886975285570534, 9998.050000000005], rel=1e-14)
    testlib.set_global("ttabarr", "k", 0.2)
    inst.table_check()
    assert probe(-37.3)[:4] == pytest.approx([0.0006462287049909289, 0.004751546151165822,
                                              0.03388362809844821, 0.08432725020926746],
                                             rel=1e-14)
    testlib.set_global("ttabarr", "usetable", 0.0)
    assert probe(-37.3) == pytest.approx([0.0005753249821107133, 0.004235539640843424,
                                          0.030472033264644177, 0.08318679425356536,
                                          2.816090652501703, 1391.2899999999997], rel=1e-14)
    testlib.set_global("ttabarr", "usetable", 1.0)
    testlib.set_global("ttabarr", "k", 0.1)


def test_second_initial_and_breakpoint_blocks_run_after_the_first(testlib):
    # NEURON 9.0.2, finitialize(-60): s 2, a 4, b 5, c 5; after four steps of 0.025 ms:
    # s 1.902458849001428, a 3.8527776708832873, b 4.852777670883287, v -63.967752308013715
    cell = Cell(testlib, 1)
    inst = cell.insert("ttwoblk")
    cell.finitialize(-60)
    assert [inst[n][0] for n in ("s", "a", "b", "c")] == [2.0, 4.0, 5.0, 5.0]
    for _ in range(4):
        cell.fadvance()
    assert inst["s"][0] == pytest.approx(1.902458849001428, rel=1e-13)
    assert inst["a"][0] == pytest.approx(3.8527776708832873, rel=1e-13)
    assert inst["b"][0] == pytest.approx(4.852777670883287, rel=1e-13)
    assert cell.ctx.v[0] == pytest.approx(-63.967752308013715, rel=1e-13)


def test_verbatim_c_functions_see_the_instance_of_a_thread_unsafe_mechanism(testlib):
    # NEURON 9.0.2, nseg = 2, a = [2, 5]: twice(3), twice(4) give b [7, 21], n [2, 2]; two
    # steps of 0.025 ms later b [3.1, 3.25], n [4, 4]
    cell = Cell(testlib, 2)
    inst = cell.insert("tfscope")
    inst["a"] = [2.0, 5.0]
    cell.finitialize(-65)
    ctx = cell.ctx.ctx
    testlib.call("tfscope", "twice", 3.0, inst=inst, i=0, ctx=ctx)
    testlib.call("tfscope", "twice", 4.0, inst=inst, i=1, ctx=ctx)
    assert list(inst["b"]) == [7.0, 21.0] and list(inst["n"]) == [2.0, 2.0]
    cell.fadvance()
    cell.fadvance()
    assert list(inst["b"]) == pytest.approx([3.1, 3.25], rel=1e-14)
    assert list(inst["n"]) == [4.0, 4.0]
    # viainc() calls inc() from VERBATIM without arguments: 14, n [4, 14]
    assert testlib.call("tfscope", "viainc", inst=inst, i=1, ctx=ctx) == 14.0
    assert list(inst["n"]) == [4.0, 14.0]


def test_solve_in_a_procedure_is_done_where_it_stands(testlib):
    # NEURON 9.0.2: after finitialize u 0.9925558312655087, w 1.9515738498792246, calls 1;
    # two steps of 0.025 ms: u 0.9778333282175334, w 1.8592135303102324; again():
    # u 0.9705541719280729, w 1.8151704978248682, calls 2
    cell = Cell(testlib, 1)
    inst = cell.insert("tsolveproc")
    cell.finitialize(-65)
    assert inst["u"][0] == pytest.approx(0.9925558312655087, rel=1e-13)
    assert inst["w"][0] == pytest.approx(1.9515738498792246, rel=1e-13)
    assert inst["calls"][0] == 1.0
    cell.fadvance()
    cell.fadvance()
    assert inst["u"][0] == pytest.approx(0.9778333282175334, rel=1e-13)
    assert inst["w"][0] == pytest.approx(1.8592135303102324, rel=1e-13)
    testlib.call("tsolveproc", "again", inst=inst, ctx=cell.ctx.ctx)
    assert inst["u"][0] == pytest.approx(0.9705541719280729, rel=1e-13)
    assert inst["w"][0] == pytest.approx(1.8151704978248682, rel=1e-13)
    assert inst["calls"][0] == 2.0


def test_external_variables_are_the_other_mechanisms_globals(testlib):
    # NEURON 9.0.2 (both in one library): y 1.75 after finitialize; put(3) sets gs_textsrc to
    # 3 and get() is 3.25; with gt_textsrc = 10, get() is 13. (An EXTERNAL array NEURON 9.0.2
    # declares as a pointer and crashes on; here it is the other mechanism's array.)
    cell = Cell(testlib, 1)
    inst = cell.insert("textuse")
    cell.finitialize(-65)
    ctx = cell.ctx.ctx
    assert inst["y"][0] == 1.75
    testlib.call("textuse", "put", 3.0, inst=inst, ctx=ctx)
    assert testlib.global_value("textsrc", "gs") == 3.0
    assert testlib.call("textuse", "get", inst=inst, ctx=ctx) == 3.25
    testlib.set_global("textsrc", "gt", 10.0)
    assert testlib.call("textuse", "get", inst=inst, ctx=ctx) == 13.0
    testlib.call("textuse", "puta", 2.0, 7.0, inst=inst, ctx=ctx)
    assert testlib.globals("textsrc")[testlib.meta("textsrc")["globals"][1]["index"] + 2] == 7.0
    assert testlib.call("textuse", "geta", 2.0, inst=inst, ctx=ctx) == 7.0
    testlib.set_global("textsrc", "gs", 1.5)
    testlib.set_global("textsrc", "gt", 0.25)


def test_chkarg_pgargstr_and_assign_str_for_verbatim_code(testlib):
    # NEURON 9.0.2: scaled(2.5) 25, keeplen("xyz") 4, keeplen("ab") 2; scaled(7) is the hoc
    # error "Arg out of range in user function"
    call = lambda f, *a: testlib.call("tchkarg", f, *a)  # noqa: E731
    assert call("scaled", 2.5) == 25.0
    assert call("keeplen", "xyz") == 4.0 and call("keeplen", "ab") == 2.0
    testlib.errors.clear()
    call("scaled", 7.0)
    assert testlib.errors == ["Arg out of range in user function"]
    testlib.errors.clear()



def test_two_before_step_blocks_both_run_in_file_order(testlib):
    # NEURON 9.0.2: BEFORE STEP runs at the end of finitialize and of each step; after three
    # steps of 0.025 ms x is 1.15 and y 15.4
    cell = Cell(testlib, 2)
    inst = cell.insert("ttwoba")
    cell.finitialize(-65)
    c = cell.ctx.ctx
    for k in range(4):
        c.t = 0.025 * k
        inst.desc.before_step(c, inst.m)
    assert list(inst["x"]) == pytest.approx([1.15, 1.15], rel=1e-14)
    assert list(inst["y"]) == pytest.approx([15.4, 15.4], rel=1e-14)


def test_conductance_statements_give_the_named_conductances_and_the_local_current(testlib):
    # nocmodl with CONDUCTANCE: rhs -= i + ina with the LOCAL i, d += gnl + gna, dina/dv = gna
    # (NEURON 9.0.2 runs a cell with it to the same voltages as this compiler's)
    import math
    cell = Cell(testlib, 1)
    inst = cell.insert("tcond")
    cell.finitialize(-65)
    c = cell.ctx
    c.rhs[:] = 0
    c.d[:] = 0
    cell.ions["na"]["dcurdv"][:] = 0
    inst.current()
    gnl = 0.002 / (1 + math.exp(0.062 * 65))
    assert c.d[0] == pytest.approx(gnl + 0.01, rel=1e-14)
    assert c.rhs[0] == pytest.approx(-(gnl * -65 + 0.01 * (-65 - 50)), rel=1e-14)
    assert cell.ions["na"]["dcurdv"][0] == pytest.approx(0.01, rel=1e-14)
