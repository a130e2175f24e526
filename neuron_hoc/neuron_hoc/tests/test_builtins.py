"""Built-in functions: HOC snippets, with the output and error NEURON 9.0.2's nrniv gives for them."""
import pytest

from .hoc_cases import check_case

CASES = [
    ('name_declared',
     'double a[2]\nobjref o\nstrdef s\nproc p() {}\nx = 1\nprint name_declared("t"), name_declared("sin"), name_declared("PI"), name_declared("Vector")\nprint name_declared("float_epsilon"), name_declared("x"), name_declared("s"), name_declared("nope")\nprint name_declared("a"), name_declared("a", 2), name_declared("x", 2), name_declared("o"), name_declared("p")\n',
     '5 1 5 1 \n5 5 4 0 \n5 6 5 2 1 \n',
     None),
    ('execute',
     'execute("xx = 12")\nprint xx\nn = execute1("yy = 3")\nprint n, yy\nn = execute1("zz = 1/0", 0)\nprint n\nexecute("print 2+2")\n',
     '\t0 \n12 \n1 3 \n0 \n4 \n\t0 \n',
     None),
    ('object_id',
     'begintemplate Obj\nendtemplate Obj\nobjref o, p, nil\no = new Obj()\np = new Obj()\nprint object_id(o) != 0, object_id(o, 1), object_id(p, 1), object_id(nil), object_id(nil, 1)\n',
     '1 0 1 0 -1 \n',
     None),
    ('object_push',
     'begintemplate T\npublic x\nproc init() { x = 1 }\nendtemplate T\nobjref tt\ntt = new T()\nobject_push(tt)\nx = 42\nobject_pop()\nprint tt.x\n',
     '\t0 \n\t0 \n42 \n',
     None),
    ('numarg_toplevel',
     'print numarg()\n',
     '0 \n',
     None),
    ('hoc_ac',
     'hoc_ac_ = 3\nexecute("hoc_ac_ = hoc_ac_ * 2")\nprint hoc_ac_\n',
     '\t0 \n6 \n',
     None),
    ('timers',
     't0 = startsw()\nx = stopsw()\nprint x >= 0, startsw() > 1e9\n',
     '1 1 \n',
     None),
    ('unix_mac_pc',
     'print unix_mac_pc()\n',
     '1 \n',
     None),
    ('quit_stops',
     'print "before"\nquit()\nprint "after"\n',
     'before\n',
     None),
]


@pytest.mark.parametrize("name,code,expected,error", CASES, ids=[c[0] for c in CASES])
def test_hoc(name, code, expected, error, tmp_path):
    check_case(code, expected, error, cwd=str(tmp_path))
