"""Procedures and arguments: HOC snippets, with the output and error NEURON 9.0.2's nrniv gives for them."""
import pytest

from .hoc_cases import check_case

CASES = [
    ('proc_func',
     'func sq() { return $1*$1 }\nproc show() { print "show", $1, numarg() }\nprint sq(3) + sq(4)\nshow(7)\nshow(1, 2, 3)\n',
     '25 \nshow7 1 \nshow1 3 \n',
     None),
    ('locals',
     'x = 5\nproc p() { local x  x = 10  print "local", x }\np()\nprint "global", x\nfunc f() { local a, b  a = $1  b = 2  return a*b }\nprint f(4), f(5)\n',
     'local10 \nglobal5 \n8 10 \n',
     None),
    ('recursion',
     'func fact() { if ($1 <= 1) { return 1 } else { return $1*fact($1 - 1) } }\nfunc fib() { if ($1 < 2) return $1  return fib($1-1) + fib($1-2) }\nprint fact(10), fib(15)\n',
     '3628800 610 \n',
     None),
    ('string_args',
     'strdef s\nproc ms() { $s1 = "hello" }\nproc echo() { print $s1, $2 }\nms(s)\nprint s\necho("abc", 3)\necho(s, 4)\nfunc len1() { return numarg() }\nprint len1("x", "y")\n',
     'hello\nabc3 \nhello4 \n2 \n',
     None),
    ('object_args',
     'objref vv\nproc mk() { $o1 = new Vector(3) }\nmk(vv)\nprint vv.size()\nfunc vsize() { return $o1.size() }\nprint vsize(vv)\nobfunc newv() { return new Vector($1) }\nobjref w\nw = newv(5)\nprint w.size()\n',
     '3 \n3 \n5 \n',
     None),
    ('object_args_of_method_calls',
     'begintemplate Maker\npublic append\nproc append() { $o1 = new Vector(4) }\nendtemplate Maker\n'
     'objref m, l, vv, o\nl = new List()\nm = new Maker()\nvv = new Vector(1)\n'
     'for i = 1, 4 {\n    if (i % 2) { o = l } else { o = m }\n    o.append(vv)\n}\n'
     'print l.count(), l.o(0).size(), l.o(1).size(), vv.size()\n',
     '2 1 4 4 \n',
     None),
    ('pointer_args',
     'x = 1\nproc mr() { $&1 = 7 }\nmr(&x)\nprint x\ndouble a[4]\nproc arr() { local i  for i = 0, 3 { $&1[i] = i*10 } }\narr(&a[0])\nprint a[0], a[1], a[2], a[3]\n',
     '7 \n0 10 20 30 \n',
     None),
    ('argtype',
     'proc at() { local i\n    for i = 1, numarg() { printf("%d ", argtype(i)) }\n    printf("| %d\\n", argtype(numarg() + 1))\n}\nobjref o\no = new Vector()\nstrdef s\nx = 0\nat(1, "a", o, s, &x)\n',
     '0 2 1 2 3 | -1\n',
     None),
    ('dollar_i',
     'proc pa() { local i\n    for i = 1, numarg() { print $i }\n}\npa(3, 4, 5)\nproc ps() { local i\n    for i = 1, numarg() { print $si }\n}\nps("a", "b")\n',
     '3 \n4 \n5 \na\nb\n',
     None),
    ('localobj',
     'obfunc mk2() { localobj v\n    v = new Vector(2)\n    v.x[0] = $1\n    return v\n}\nobjref r\nr = mk2(42)\nprint r.x[0]\n',
     '42 \n',
     None),
    ('iterator',
     'iterator it() { local i\n    for i = 1, $1 {\n        $&2 = i * 10\n        iterator_statement\n    }\n}\nx = 0\nfor it(3, &x) print x\nfor it(5, &x) { if (x > 20) break print "b", x }\nfor it(4, &x) { if (x == 20) continue print "c", x }\n',
     '10 \n20 \n30 \nb10 \nb20 \nc10 \nc30 \nc40 \n',
     None),
    ('forward_call',
     'proc a1() { b1($1 + 1) }\nproc b1() { print "b1 got", $1 }\na1(1)\n',
     'b1 got2 \n',
     None),
    ('redefine_proc',
     'proc p() { print "one" }\np()\nproc p() { print "two" }\np()\n',
     'one\ntwo\n',
     None),
    ('func_no_return',
     'func f() { }\nx = f()\n',
     '',
     'f (func) returns no value'),
    ('proc_returns_value',
     'proc p() { return 5 }\np()\n',
     '',
     'p (proc or iterator) returns value'),
]


@pytest.mark.parametrize("name,code,expected,error", CASES, ids=[c[0] for c in CASES])
def test_hoc(name, code, expected, error, tmp_path):
    check_case(code, expected, error, cwd=str(tmp_path))
