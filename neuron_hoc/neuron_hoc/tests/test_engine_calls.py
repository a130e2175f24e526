"""Calls from HOC into objects: members named like Python keywords, objref out-arguments of
engine methods, pointers to HOC variables handed to the engine.  The expected outputs are
NEURON 9.0.2's nrniv output for the same snippets."""
import pytest

from .hoc_cases import check_case

CASES = [
    ('keyword_members_of_a_template',
     'begintemplate T\npublic in, is, from, lambda, def, pass\ndouble is[2]\nobjref from\n'
     'proc in() { print "in ", $1 }\nfunc lambda() { return $1*2 }\nproc def() { is[1] = $1 }\n'
     'proc init() { from = new List() pass = 3 }\nendtemplate T\nobjref tt\ntt = new T()\n'
     'tt.in(4)\nprint tt.lambda(3)\ntt.def(7)\nprint tt.is[1]\nprint tt.from.count()\nprint tt.pass\n'
     'tt.pass = 5\nprint tt.pass\nfor i=0,1 tt.is[i] = i+10\nprint tt.is[0], tt.is[1]\n'
     'x = tt.lambda(tt.is[0])\nprint x\n',
     'in 4 \n\t0 \n6 \n\t0 \n7 \n0 \n3 \n5 \n10 11 \n20 \n',
     None),
    ('keyword_iterator',
     'begintemplate W\npublic with\n'
     'iterator with() { local i  for i=1,$1 { $&2 = i  iterator_statement } }\n'
     'endtemplate W\nobjref w\nw = new W()\nx = 0\nfor w.with(3, &x) print x\n',
     '1 \n2 \n3 \n',
     None),
    ('mechanism_standard_in',
     'create soma\naccess soma\nsoma insert hh\nsoma.gnabar_hh = 0.2\nobjref ms\n'
     'ms = new MechanismStandard("hh")\nms.in(0.5)\nprint ms.get("gnabar_hh")\n'
     'soma.gnabar_hh = 0.25\nsoma ms.in()\nprint ms.get("gnabar_hh")\nx = ms.in(0.5)\nprint x\n'
     'objref st, ms2, ms3\nst = new NetStim()\nst.start = 3\nprint st.start\n'
     'ms2 = new MechanismStandard("NetStim")\nms2.in(st)\nprint ms2.get("start")\n'
     'ms3 = new MechanismStandard("NetStim")\nms3.in(ms2)\nprint ms3.get("start")\n'
     'for i=0,0 ms.in(0.5)\nproc p() { ms.in($1) }\np(0.5)\nprint ms.in(0.5)\n',
     '\t0 \n0.2 \n0.25 \n0 \n3 \n\t0 \n3 \n\t0 \n3 \n0 \n',
     None),
    ('mechanism_type_make_assigns_the_objref',
     'create soma\naccess soma\nobjref mt, pp, pp2\nmt = new MechanismType(1)\n'
     'mt.select("IClamp")\nmt.make(pp)\nprint pp.has_loc()\nsoma pp.loc(0.5)\npp.amp = 0.3\n'
     'print pp.amp, pp.get_loc()\nproc mk() { mt.make($o1) }\nmk(pp2)\nprint pp2.has_loc()\n'
     'objref lst[2]\nmt.select("ExpSyn")\nmt.make(lst[1])\nprint lst[1].has_loc()\n'
     'for i=0,0 mt.make(pp)\nprint pp.has_loc()\nobjref keep\nkeep = pp2\n'
     'x = mt.make(pp2)\nprint x, pp2.has_loc(), keep == pp2\n',
     '\t0 \n\t0 \n0 \n0.3 0.5 \n0 \n\t0 \n\t0 \n0 \n0 \n0 0 0 \n',
     None),
    ('objref_out_argument_at_top_level_and_through_dollar_o',
     'begintemplate T\npublic m\nproc m() { $o1 = new Vector(3) }\nendtemplate T\n'
     'objref tt, o\ntt = new T()\ntt.m(o)\nprint o.size()\nproc a() { b($o1) }\n'
     'proc b() { $o1 = new List() }\nobjref q\na(q)\nprint q.count()\n',
     '\t0 \n3 \n0 \n',
     None),
    ('objref_out_argument_in_expressions',
     'objref a, b\nfunc f() { $o1 = new List() return 1 }\nx = f(a)\nprint a.count()\n'
     'if (f(b)) print b.count()\n',
     '0 \n0 \n',
     None),
    ('objref_out_argument_of_methods',
     'proc setit() { $o1 = new Vector(5) }\nbegintemplate U\npublic go, m\nexternal setit\n'
     'objref o\nproc go() { setit(o) print o.size() }\nproc m() { $o1 = new Vector(2) }\n'
     'endtemplate U\nobjref u, a, b, lst\nu = new U()\nu.go()\nproc x() { u.m($o1) }\nx(a)\n'
     'print a.size()\nlst = new List()\nn = lst.append(a)\nprint n, lst.count()\n',
     '5 \n\t0 \n2 \n1 1 \n',
     None),
    ('engine_system_functions_and_pointer_names',
     'x = 3\nprint hoc_pointer_(&x)\nstrdef s\ns = nrnversion(5)\n'
     'print s, " ", nrnversion(0), strcmp(nrnversion(20), nrnversion(1))\n'
     'print nrn_mallinfo(0) > 0, nrn_mallinfo(6) >= nrn_mallinfo(3)\nobjref p, q\n'
     'p = new Pointer("x")\nprint p.val\np.val = 5\nprint x, p.s\nq = new Pointer(&x)\n'
     'q.val = 7\nprint x\n',
     '1 \n9.0.2 9.0.20 \n1 1 \n3 \n5 x \n7 \n',
     None),
    ('record_and_play_hoc_variables',
     'load_file("stdrun.hoc")\n'
     'create soma\n'
     'access soma\n'
     'soma insert pas\n'
     'tstop = 0.2\n'
     'double a[3]\n'
     'begintemplate Box\n'
     'public x\n'
     'proc init() { x = 0 }\n'
     'endtemplate Box\n'
     'objref bx, vr[5], tv, vp, tp, fih\n'
     'z = 0\n'
     'proc setup() {\n'
     '  bx = new Box()\n'
     '  for i=0,4 vr[i] = new Vector()\n'
     '  vr[0].record(&a[1])\n'
     '  vr[1].record(&bx.x, 0.05)\n'
     '  vp = new Vector(4)\n'
     '  vp.x[0] = 1\n'
     '  vp.x[1] = 2\n'
     '  vp.x[2] = 4\n'
     '  vp.x[3] = 8\n'
     '  tp = new Vector(4)\n'
     '  tp.indgen(0, 0.05)\n'
     '  vp.play(&a[2], tp, 1)\n'
     '  vr[2].record(&a[2])\n'
     '  vr[3].record(&z)\n'
     '  fih = new FInitializeHandler("z = 7")\n'
     '}\n'
     'setup()\n'
     'proc advance() { a[1] = a[1] + 1  bx.x = t  fadvance() }\n'
     'run()\n'
     'for i=0,3 { vr[i].printf("%g ") }\n'
     'print a[1], a[2], bx.x, z\n'
     'x = 0\n'
     'objref vx, vy, vq\n'
     'vx = new Vector()\n'
     'vy = new Vector(5)\n'
     'vq = new Vector()\n'
     '{ vx.record(&x)  vy.indgen(10, 1)  y = 0  vy.play(&y, 0.025)  vq.record(&y) }\n'
     'proc advance() { x = t*2  fadvance() }\n'
     'finitialize(-65)\n'
     'while (t < 0.1) advance()\n'
     '{ vx.printf()  vq.printf() }\n'
     'print x, y\n'
     'objref nil\n'
     '{ fih = nil  vp.play_remove()  vy.play_remove() }\n'     # the engine as it was
     'for i=0,3 { vr[i].record_remove() }\n'
     '{ vx.record_remove()  vq.record_remove() }\n',
     '\t1 \n0 1 2 3 4 5 6 7 8 0 0.025 0.1 0.15 0.175 1 1.5 2 3 4 6 8 10 12 '
     '7 7 7 7 7 7 7 7 7 8 12 0.175 7 \n'
     '\t1 \n0\t0\t0.05\t0.1\t0.15\t\n\n10\t10\t11\t12\t13\t\n\n0.15 13 \n',
     None),
]


@pytest.mark.parametrize("name,code,expected,error", CASES, ids=[c[0] for c in CASES])
def test_hoc(name, code, expected, error, tmp_path):
    check_case(code, expected, error, cwd=str(tmp_path))
