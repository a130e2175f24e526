"""Errors: HOC snippets, with the output and error NEURON 9.0.2's nrniv gives for them."""
import pytest

from .hoc_cases import check_case

CASES = [
    ('undefined_variable',
     'print "a"\nx = undefined_thing + 1\nprint "not reached"\n',
     'a\n',
     'undefined variable undefined_thing'),
    ('division_by_zero',
     'x = 1/0\n',
     '',
     'division by zero'),
    ('mod_by_zero',
     'x = 5 % 0\n',
     '',
     'a%b, b<=0'),
    ('syntax_error',
     'x = = 2\n',
     '',
     'syntax error'),
    ('subscript',
     'double a[3]\na[3] = 1\n',
     '',
     'subscript 0 index 3 of a out of range 3'),
    ('nil_object',
     'objref o\nprint o.x\n',
     '',
     "'x' object prefix is nullptr"),
    ('not_public',
     'begintemplate T\npublic x\nendtemplate T\nobjref tt\ntt = new T()\ntt.y = 3\n',
     '',
     "'y' not a public member of 'T'"),
    ('not_public_method',
     'objref v1, v2\nv1 = new Vector(3)\nv2 = new Vector(3)\nv1.foo(v2)\n',
     '',
     "'foo' not a public member of 'Vector'"),
    ('sqrt_domain',
     'x = log(-1)\n',
     '',
     'log argument out of domain'),
    ('error_in_proc',
     'proc p() {\n  y = 1 / $1\n}\np(2)\nprint "ok"\np(0)\n',
     'ok\n',
     'division by zero'),
    ('newline_rules',
     'x = 1\nif (x)\n  print "a"\n',
     '',
     'syntax error'),
    ('else_on_next_line',
     'x = 1\nif (x) { print "d" }\nelse { print "e" }\n',
     'd\n',
     'syntax error'),
]


@pytest.mark.parametrize("name,code,expected,error", CASES, ids=[c[0] for c in CASES])
def test_hoc(name, code, expected, error, tmp_path):
    check_case(code, expected, error, cwd=str(tmp_path))
