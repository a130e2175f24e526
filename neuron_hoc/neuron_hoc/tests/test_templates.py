"""Templates: HOC snippets, with the output and error NEURON 9.0.2's nrniv gives for them."""
import pytest

from .hoc_cases import check_case

CASES = [
    ('basic_template',
     'begintemplate T\npublic x, f, s, arr\nstrdef s\ndouble arr[3]\nx = 5\nprint "template body", x\nproc init() { print "init", x, numarg()  x = $1 }\nfunc f() { return x*2 }\nendtemplate T\nobjref o\no = new T(3)\nprint o.f(), o, o.x\no\nT[0].x = 9\nprint o.x, T[0]\no.s = "hi"\nprint o.s\no.arr[1] = 4\nprint o.arr[1], o.arr\n',
     'template body5 \ninit0 1 \n6 T[0] 3 \n\tT[0] \n9 T[0] \nhi \n4 0 \n',
     None),
    ('instance_numbering',
     'begintemplate C\npublic id\nproc init() { id = $1 }\nendtemplate C\nobjref a, b, c\na = new C(1)\nb = new C(2)\nc = new C(3)\nprint a, b, c, C[1].id\nb = new C(4)\nprint b\n',
     'C[0] C[1] C[2] 2 \nC[3] \n',
     None),
    ('numbering_restarts_when_none_left',
     'begintemplate C\nendtemplate C\nobjref a, b, c\na = new C()\nb = new C()\nobjref a\nc = new C()\nprint a, b, c\nobjref b, c\na = new C()\nprint a\n',
     'NULLobject C[1] C[2] \nC[0] \n',
     None),
    ('private_member',
     'begintemplate T\npublic x\ny = 2\nproc init() { x = 1  y = 3 }\nendtemplate T\nobjref tt\ntt = new T()\nprint tt.x\nprint tt.y\n',
     '1 \n',
     "'y' not a public member of 'T'"),
    ('external',
     'gvar = 7\nproc gproc() { print "gproc", $1 }\nbegintemplate T\nexternal gvar, gproc\npublic get\nfunc get() { gproc(gvar)  return gvar * 2 }\nendtemplate T\nobjref tt\ntt = new T()\nprint tt.get()\ngvar = 8\nprint tt.get()\n',
     'gproc7 \n14 \ngproc8 \n16 \n',
     None),
    ('methods_call_each_other',
     'begintemplate T\npublic a\nfunc a() { return b() + 1 }\nfunc b() { return 41 }\nendtemplate T\nobjref tt\ntt = new T()\nprint tt.a()\n',
     '42 \n',
     None),
    ('this_and_objects',
     'begintemplate Node\npublic val, next, self_ref\nobjref next, this\nproc init() { val = $1 }\nobfunc self_ref() { return this }\nendtemplate Node\nobjref n1, n2\nn1 = new Node(1)\nn2 = new Node(2)\nn1.next = n2\nprint n1.next.val, n1.self_ref(), n1.self_ref() == n1, n1 == n2\n',
     '2 Node[0] 1 0 \n',
     None),
    ('object_arrays',
     'objref vs[3]\nfor i = 0, 2 { vs[i] = new Vector(i + 1) }\nprint vs[0].size(), vs[1].size(), vs[2].size()\nobjref nil\nprint nil, object_id(nil), vs[0] == nil\n',
     '1 2 3 \nNULLobject 0 0 \n',
     None),
    ('no_init_args',
     'begintemplate Empty\npublic x\nx = 3\nendtemplate Empty\nobjref e\ne = new Empty()\nprint e.x\n',
     '0 \n',
     None),
    ('obfunc_method',
     'begintemplate F\npublic make\nobfunc make() { localobj v\n    v = new Vector($1)\n    return v\n}\nendtemplate F\nobjref f, vv\nf = new F()\nvv = f.make(4)\nprint vv.size()\n',
     '4 \n',
     None),
    # NEURON also calls unref() at each decrement of the count; Python only reports the last
    ('unref_when_freed',
     'begintemplate A\n'
     'public x\n'
     'objref this\n'
     'create dend\n'
     'proc init() { x = $1 }\n'
     'proc unref() { print "unref ", x, " count ", $1, " sections ", section_count() }\n'
     'func section_count() { local n  n = 0  forall n += 1  return n }\n'
     'endtemplate A\n'
     'objref a\n'
     'a = new A(1)\n'
     'print "replace"\n'
     'a = new A(2)\n'
     'print "clear"\n'
     'objref a\n'
     'print "local"\n'
     'proc p() { localobj t\n'
     '  t = new A(3)\n'
     '  print "in p"\n'
     '}\n'
     'p()\n'
     'print "sections left"\n'
     'forall print secname()\n'
     'objref keep\n'
     'begintemplate B\n'
     'public x\n'
     'external keep\n'
     'objref this\n'
     'proc init() { x = $1 }\n'
     'proc unref() { print "unref B ", x\n'
     '  if (x == 1) { keep = this }\n'
     '  if (x == 2) { execerror("oops") }\n'
     '}\n'
     'endtemplate B\n'
     'objref b\n'
     'b = new B(1)\n'
     'b = new B(2)\n'
     'print keep.x\n'
     'b = new B(3)\n'
     'print "not reached"\n',
     'replace\nunref 1  count 0  sections 1 \nclear\nunref 2  count 0  sections 1 \nlocal\nin p\nunref 3  count 0  sections 1 \nsections left\nunref B 1 \n1 \nunref B 2 \n',
     'oops'),
]


@pytest.mark.parametrize("name,code,expected,error", CASES, ids=[c[0] for c in CASES])
def test_hoc(name, code, expected, error, tmp_path):
    check_case(code, expected, error, cwd=str(tmp_path))
