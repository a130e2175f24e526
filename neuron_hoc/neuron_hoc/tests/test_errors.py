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
    # after an object's method call another statement may start on the same line, and the
    # value of neither is printed
    ('after_method_call',
     'objref vv\nvv = new Vector(2)\nvv.fill(1) vv.printf()\nvv.fill(2) x = 10\n'
     'vv.fill(3) if (1) print vv.sum()\nprint x\nvv.size()\n',
     '1\t1\t\n6 \n10 \n\t2 \n',
     None),
    ('after_call_of_proc',
     'proc a() { print "a" }\na() a()\n',
     '',
     'syntax error'),
    ('undefined_address',
     'strdef s\nprint strcmp("b", "a"), sscanf("12.5", "%lf", &nosuch)\n',
     '1 ',
     'undefined variable nosuch'),
    ('undefined_function',
     'x = 1\nnosuchproc(2)\n',
     '',
     'nosuchproc undefined function'),
    ('after_assignment',
     'x = 1 y = 2\n',
     '',
     'syntax error'),
]


@pytest.mark.parametrize("name,code,expected,error", CASES, ids=[c[0] for c in CASES])
def test_hoc(name, code, expected, error, tmp_path):
    check_case(code, expected, error, cwd=str(tmp_path))


@pytest.mark.parametrize("code,col", [
    ("x = 3 print x\n", 10), ("print 1 print 2\n", 12), ("a = 1\na() a()\n", 4),
    ("x = vv.fill(4) vv.printf()\n", 16), ("{ x = 6 } { y = 7 }\n", 10)])
def test_syntax_error_caret_at_last_character_read(code, col, tmp_path):
    # NEURON 9.0.2 puts the caret under the last character of the token it could not use
    from .hoc_cases import run_hoc
    _, err = run_hoc(code, cwd=str(tmp_path))
    assert err is not None and "syntax error" in str(err)
    assert err.col == col
