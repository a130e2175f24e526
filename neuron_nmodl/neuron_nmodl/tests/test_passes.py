"""Each pass, source in / source out: declarations -> storage, resolution errors, the solver
passes' lowered forms (printed as pseudo-NMODL), and the UNITS conversion factors."""
import pytest

from neuron_nmodl import nodes as N
from neuron_nmodl.driver import describe_lowered
from neuron_nmodl.errors import NmodlError, UnsupportedError
from neuron_nmodl.parser import parse_text
from neuron_nmodl.printer import expr as pexpr, print_stmt
from neuron_nmodl.sema.declare import declare
from neuron_nmodl.sema.resolve import resolve
from neuron_nmodl.solvers import lower
from neuron_nmodl.units import UnitTable


def model(text, path="m.mod"):
    m = declare(parse_text(text, path))
    resolve(m, warn=lambda s: None)
    lower(m, warn=lambda s: None)
    return m


HH_LIKE = """
NEURON { SUFFIX hl USEION na READ ena WRITE ina NONSPECIFIC_CURRENT il
         RANGE gbar, g, minf GLOBAL q }
PARAMETER { gbar = .1 (S/cm2) q = 3 el = -54 }
ASSIGNED { v ena ina il g minf tau }
STATE { m }
BREAKPOINT { SOLVE s METHOD cnexp g = gbar*m ina = g*(v - ena) il = 0.001*(v - el) }
DERIVATIVE s { m' = (minf - m)/tau }
"""


def test_declare_columns_globals_slots():
    m = model(HH_LIKE)
    cols = [(s.name, s.kind, s.range) for s in m.columns]
    # RANGE parameters, RANGE assigned (declaration order, NONSPECIFIC il is RANGE), states,
    # then hidden assigned, D<state>, v
    assert cols == [("gbar", "parameter", True),
        ("il", "assigned", True), ("g", "assigned", True), ("minf", "assigned", True),
        ("m", "state", True), ("ena", "assigned", False), ("ina", "assigned", False),
        ("tau", "assigned", False), ("Dm", "dstate", False), ("v", "special", False)]
    assert [(g.name, g.default) for g in m.globals] == [("q", 3.0), ("el", -54.0)]
    assert [(s.name, s.kind, s.ion, s.var) for s in m.slots] == [
        ("ena", "ion", "na", "e"), ("ina", "ion", "na", "cur"), ("_ion_dinadv", "ion", "na", "dcurdv")]


def test_point_process_and_concentration_slots():
    m = model("NEURON { POINT_PROCESS P USEION ca READ ica WRITE cai POINTER pp RANDOM r }\n"
              "STATE { cai } ASSIGNED { ica }")
    assert m.kind == "point" and m.name == "P"
    assert [(s.name, s.var) for s in m.slots] == [
        ("ica", "cur"), ("cai", "ci"), ("_ion_cao", "co"), ("_ion_eca", "e"),
        ("pp", ""), ("r", "")]


def test_resolve_errors():
    with pytest.raises(NmodlError, match="undefined variable 'zz'"):
        model("NEURON { SUFFIX a } BREAKPOINT { x = zz } ASSIGNED { x }")
    with pytest.raises(NmodlError, match="cannot assign to celsius"):
        model("NEURON { SUFFIX a } ASSIGNED { celsius } INITIAL { celsius = 3 }")
    with pytest.raises(NmodlError, match="takes 1 argument"):
        model("NEURON { SUFFIX a } FUNCTION f(x) { f = x } INITIAL { f(1, 2) }")
    with pytest.raises(NmodlError, match="only allowed in a POINT_PROCESS"):
        model("NEURON { SUFFIX a } INITIAL { net_send(1, 1) }")
    with pytest.raises(NmodlError, match="undefined function 'nofun'"):
        model("NEURON { SUFFIX a } INITIAL { nofun(1) }")
    with pytest.raises(NmodlError, match="declared twice"):
        model("NEURON { SUFFIX a } PARAMETER { x = 1 } ASSIGNED { x }")
    with pytest.raises(NmodlError, match="outside a DISCRETE block"):
        model("NEURON { SUFFIX a } STATE { s } BREAKPOINT { s = s@1 }")
    with pytest.raises(NmodlError, match="must be a STATE for use as discrete variable"):
        model("NEURON { SUFFIX a } ASSIGNED { x } STATE { s } DISCRETE d { s = x@1 }")
    with pytest.raises(NmodlError, match="must be an array discrete variable"):
        model("NEURON { SUFFIX a } STATE { s[2] } DISCRETE d { s[0] = s@1 }")
    with pytest.raises(NmodlError) as ei:
        model("NEURON { SUFFIX a }\nASSIGNED { x }\nBREAKPOINT {\n    x = y1 + 2\n}\n")
    assert (ei.value.loc.line, ei.value.loc.col) == (4, 9)
    # NEURON 9.0.2's nocmodl: "cao used in USEION statement can not be re-declared in a
    # CONSTANT block"
    with pytest.raises(NmodlError, match="cao used in USEION statement can not be re-declared"):
        model("NEURON { SUFFIX a USEION ca READ cao, cai WRITE cai } CONSTANT { cao = 2 }")
    # ... and "b not really a STATE; Ie. No differential equation for it." for a STATE that a
    # NET_RECEIVE assigns and no SOLVEd block integrates
    with pytest.raises(NmodlError, match="b not really a STATE"):
        model("NEURON { POINT_PROCESS P } STATE { a b } BREAKPOINT { SOLVE d METHOD cnexp }\n"
              "DERIVATIVE d { a' = -a } NET_RECEIVE(w) { a = a + w  b = b + w }")
    model("NEURON { POINT_PROCESS P } STATE { a } BREAKPOINT { SOLVE d METHOD cnexp }\n"
          "DERIVATIVE d { a' = -a } NET_RECEIVE(w) { LOCAL b  a = a + w  b = w }")
    # (not when the mechanism cannot be used with CVODE: a SOLVEd PROCEDURE advances b)
    model("NEURON { POINT_PROCESS P } STATE { b } BREAKPOINT { SOLVE s }\n"
          "PROCEDURE s() { b = 0.9 * b } NET_RECEIVE(w) { b = b + w }")
    # ... and "current can only be LOCAL in a BREAKPOINT if CONDUCTANCE statements are used."
    with pytest.raises(NmodlError, match="current can only be LOCAL in a BREAKPOINT"):
        model("NEURON { SUFFIX a NONSPECIFIC_CURRENT i } BREAKPOINT { LOCAL i  i = v }")
    # with CONDUCTANCE a LOCAL current is the current (t_conductance.mod), but for an ion's
    # current the ion would get the range variable: named, not generated
    model("NEURON { SUFFIX a NONSPECIFIC_CURRENT i }\n"
          "BREAKPOINT { LOCAL i, g  CONDUCTANCE g  g = 1  i = g * v }")
    with pytest.raises(UnsupportedError, match="CONDUCTANCE"):
        model("NEURON { SUFFIX a USEION na WRITE ina }\n"
              "BREAKPOINT { LOCAL ina, g  CONDUCTANCE g USEION na  g = 1  ina = g * v }")


def test_undeclared_name_is_a_c_name_with_verbatim():
    warnings = []
    m = declare(parse_text("NEURON { SUFFIX a } ASSIGNED { x }\nVERBATIM\nstatic double cval;\n"
                           "ENDVERBATIM\nBREAKPOINT { x = cval }"))
    resolve(m, warn=warnings.append)
    assert "cval" in warnings[0]


def test_cnexp_is_nocmodls_exact_update():
    m = model(HH_LIKE)
    low = next(iter(m.solve_map.values()))
    assert low.method == "cnexp"
    text = print_stmt(low.stmt)
    assert "m = m + (1. - exp(dt * ((((-1.0))) / tau))) * (-(((minf)) / tau) / ((((-1.0))) / tau) - m)" in text


def test_cnexp_without_state_dependence_is_euler_like():
    m = model("NEURON { SUFFIX a } STATE { y } BREAKPOINT { SOLVE d METHOD cnexp }\n"
              "DERIVATIVE d { y' = 0.5 }")
    assert print_stmt(next(iter(m.solve_map.values())).stmt).strip().splitlines()[1].strip() == \
        "y = y - dt * (-(0.5))"


def test_cnexp_falls_back_to_derivimplicit():
    warnings = []
    m = declare(parse_text("NEURON { SUFFIX a } STATE { y } BREAKPOINT { SOLVE d METHOD cnexp }\n"
                           "DERIVATIVE d { y' = -exp(y) }"))
    resolve(m)
    lower(m, warn=warnings.append)
    low = next(iter(m.solve_map.values()))
    assert low.method == "derivimplicit" and isinstance(low.stmt, N.NewtonSolve)
    assert "Could not translate using cnexp" in warnings[0]


def test_kinetic_lowering_follows_nocmodl():
    m = model("NEURON { SUFFIX k } PARAMETER { a = 1 b = 2 } STATE { A B C }\n"
              "BREAKPOINT { SOLVE k METHOD sparse }\n"
              "KINETIC k { ~ A + 2B <-> C (a + b, b)  CONSERVE A + B + C = 1 }")
    low = next(iter(m.solve_map.values()))
    text = print_stmt(low.stmt)
    # the rate is spliced textually with the species, as nocmodl does (a + b*B*B*A)
    assert "f_flux = a + b * B * B * A" in text
    # the last term of CONSERVE (C) takes row 0, the others follow in symbol-table order
    assert [v.name for v in low.stmt.states] == ["C", "A", "B"]
    assert "_RHS[0] = 1" in text and "_MATELM[0][0] = 1" in text
    assert not low.stmt.linear


def test_table_pass():
    m = model("NEURON { SUFFIX t } PARAMETER { k = 1 }\n"
              "FUNCTION f(x) { TABLE DEPEND k FROM -1 TO 1 WITH 10\n f = x*k }")
    assert m.tables == ["f"] and "_f_f" in m.callables
    assert isinstance(m.callables["f"].body.stmts[0], N.TableLookup)
    assert any(g.name == "usetable" and g.default == 1 for g in m.globals)
    assert "_TABLE_LOOKUP f(x) - DEPEND k FROM -1 TO 1 WITH 10" in describe_lowered(m)


def test_linear_assembly_term_by_term():
    m = model("NEURON { SUFFIX l } PARAMETER { a = 2 } STATE { x y } INITIAL { SOLVE s }\n"
              "LINEAR s { ~ a*x + y = 5  ~ x - y = 0 }")
    text = print_stmt(next(iter(m.solve_map.values())).stmt)
    assert "_MATELM[0][0] -= a * 1.0" in text and "_RHS[0] -= 5" in text


@pytest.mark.parametrize("u1,u2,value", [
    ("faraday", "coulomb", 96485.33212331001),
    ("k-mole", "joule/degC", 8.31446261815324),
    ("faraday", "kilocoulombs", 96.48533212331002),
    ("micron", "cm", 9.999999999999999e-05),
    ("millivolt", "volt", 0.001),
    ("pi", "1", 3.141592653589793),
    ("e", "coulomb", 1.602176634e-19),
])
def test_units_factors_match_neuron(u1, u2, value):
    assert UnitTable().factor(u1, u2) == value


def test_units_errors():
    with pytest.raises(NmodlError, match="not conformable"):
        model("UNITS { X = (volt) (amp) }")
    with pytest.raises(NmodlError, match="unknown unit 'furlongz'"):
        model("UNITS { X = (furlongz) (m) }")
