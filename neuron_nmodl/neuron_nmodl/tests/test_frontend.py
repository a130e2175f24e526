"""Lexer, parser and printer: tokens, precedence, round trips, user errors with locations."""
import glob
import os

import pytest

from neuron_nmodl import nodes as N
from neuron_nmodl.errors import NmodlError, UnsupportedError
from neuron_nmodl.lexer import NUMBER, TITLE, VERBATIM, tokenize
from neuron_nmodl.parser import parse_expression_text, parse_file, parse_text
from neuron_nmodl.printer import expr as pexpr, print_program
from neuron_nmodl.source import SourceFile

from .conftest import mod_files_for_tests, stdmech_mods


def toks(text):
    return [(t.kind, t.text) for t in tokenize(SourceFile("x.mod", text))][:-1]


def test_lexer_comments_title_verbatim():
    t = toks("TITLE my title : not a comment\nx : comment\n? also\nCOMMENT\n y = 1\nENDCOMMENT\n"
             "VERBATIM\nint a; /* : */\nENDVERBATIM z")
    assert t[0] == (TITLE, "my title : not a comment")
    assert t[1][1] == "x"
    assert t[2] == (VERBATIM, "\nint a; /* : */\n")
    assert t[3][1] == "z"


def test_lexer_numbers_and_operators():
    t = toks("1 2.5 .5 1e-3 2.E4 <-> << <= != && ' ~")
    assert [x[1] for x in t if x[0] == NUMBER] == ["1", "2.5", ".5", "1e-3", "2.E4"]
    assert [x[1] for x in t if x[0] != NUMBER] == ["<->", "<<", "<=", "!=", "&&", "'", "~"]


def test_lexer_locations():
    ts = tokenize(SourceFile("x.mod", "a\n  bb = 3\n"))
    assert (ts[1].loc.line, ts[1].loc.col) == (2, 3)
    assert (ts[3].loc.line, ts[3].loc.col) == (2, 8)


@pytest.mark.parametrize("text,tree", [
    ("-2^2", "(- (^ 2 2))"),
    ("2^3^2", "(^ 2 (^ 3 2))"),
    ("a - b - c", "(- (- a b) c)"),
    ("a + b*c", "(+ a (* b c))"),
    ("a < b == c", "(== (< a b) c)"),
    ("!a && b || c", "(|| (&& (! a) b) c)"),
    ("a^-b", "(^ a (- b))"),
    ("f(x, 2) * y[3]", "(* f(x 2) y[3])"),
])
def test_precedence(text, tree):
    def s(e):
        if isinstance(e, N.BinOp):
            return "(%s %s %s)" % (e.op, s(e.left), s(e.right))
        if isinstance(e, N.UnaryOp):
            return "(%s %s)" % (e.op, s(e.operand))
        if isinstance(e, N.Num):
            return e.text
        if isinstance(e, N.Var):
            return e.name + ("[%s]" % s(e.index) if e.index is not None else "")
        if isinstance(e, N.Call):
            return "%s(%s)" % (e.name, " ".join(s(a) for a in e.args))
        raise TypeError(e)
    assert s(parse_expression_text(text)) == tree


def test_units_after_number_and_in_declarations():
    p = parse_text("PARAMETER { g = .12 (S/cm2) <0,1e9> x = -70 (mV) }\n"
                   "ASSIGNED { ina (mA/cm2) c[3] (mM) }\n"
                   "BREAKPOINT { y = 0.062 (/mV) * v }")
    par = p.items[0].items
    assert (par[0].name, par[0].value.value, par[0].unit, par[0].limits.lo, par[0].limits.hi) == \
        ("g", 0.12, "S/cm2", 0.0, 1e9)
    assert par[1].value.value == -70
    assert p.items[1].items[1].size == 3 and p.items[1].items[1].unit == "mM"
    num = p.items[2].body.stmts[0].value.left
    assert num.unit == "/mV"


def test_reactions_and_equations():
    p = parse_text("KINETIC k { ~ A + 2B <-> C (kf, kb)  ~ C -> (k2)  ~ A << (flux)\n"
                   "CONSERVE A + B + C = 1 COMPARTMENT i, vol[i] {C} }\n"
                   "LINEAR l { ~ a*x + y = 2 }")
    st = p.items[0].body.stmts
    assert st[0].op == "<->" and [(t.name, t.coef) for t in st[0].lhs] == [("A", 1), ("B", 2)]
    assert st[1].op == "->" and st[2].op == "<<"
    assert isinstance(st[3], N.Conserve) and isinstance(st[4], N.Compartment)
    assert isinstance(p.items[1].body.stmts[0], N.Equation)


def _all_mods():
    files = list(mod_files_for_tests()) + list(stdmech_mods())
    for pat in ("/work/shared/conformance/cases/*/mod/*.mod", "/work/shared/bench/models/mod/*.mod"):
        files += glob.glob(pat)
    return files


@pytest.mark.parametrize("path", _all_mods(), ids=os.path.basename)
def test_print_parse_round_trip(path):
    p1 = parse_file(path)
    text = print_program(p1)
    p2 = parse_text(text, path)
    assert p1 == p2
    assert print_program(p2) == text


@pytest.mark.parametrize("text,line,col,msg", [
    ("NEURON { SUFFIX x }\nBREAKPOINT {\n  a = (b + \n}\n", 4, 1, "expected an expression"),
    ("NEURON { SUFFIX x\n", 2, 1, "a NEURON block statement"),
    ("PARAMETER { a = }\n", 1, 17, "expected a number"),
    ("FOO { }\n", 1, 1, "unknown block keyword"),
    ("BREAKPOINT { x = 1 } }", 1, 22, "expected a block keyword"),
    ("INITIAL { if (a) x = 1 }", 1, 18, "expected '{'"),
])
def test_syntax_errors_have_locations(text, line, col, msg):
    with pytest.raises(NmodlError) as ei:
        parse_text(text, "bad.mod")
    e = ei.value
    assert (e.loc.line, e.loc.col) == (line, col)
    assert msg in e.message
    out = e.format()
    assert out.startswith("bad.mod:%d:%d: error:" % (line, col))
    assert out.splitlines()[-1] == " " * (col - 1) + "^"


def test_unsupported_constructs_are_named():
    with pytest.raises(UnsupportedError, match="unsupported construct: PARTIAL"):
        parse_text("PARTIAL p { }")
    with pytest.raises(UnsupportedError, match="SWEEP"):
        parse_text("BREAKPOINT { SWEEP x }")


def test_include_and_define(tmp_path):
    (tmp_path / "inc.inc").write_text("FUNCTION h(x) { h = x + N }\n")
    (tmp_path / "m.mod").write_text('DEFINE N 4\nINCLUDE "inc.inc"\nASSIGNED { a[N] }\n')
    p = parse_file(str(tmp_path / "m.mod"))
    inc = p.items[1]
    assert isinstance(inc, N.Include) and inc.items[0].name == "h"
    assert p.items[2].items[0].size == 4
    assert pexpr(inc.items[0].body.stmts[0].value) == "x + 4"
