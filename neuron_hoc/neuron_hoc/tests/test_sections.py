"""NEURON's section syntax: HOC snippets, with the output and error NEURON 9.0.2's nrniv gives for them."""
import pytest

from .hoc_cases import check_case

CASES = [
    ('create_access',
     'create soma, dend[2]\nprint secname()\naccess dend[1]\nprint secname()\nsoma print secname()\ndend[0] { print secname() }\nprint secname()\n',
     'soma\ndend[1]\nsoma\ndend[0]\ndend[1]\n',
     None),
    ('section_properties',
     'create soma\naccess soma\nprint L, diam, nseg, Ra, cm\nL = 20\nsoma.diam = 5\nnseg = 3\nprint soma.L, diam(0.5), soma.nseg, area(0.5)\n',
     '100 500 1 35.4 1 \n20 5 3 104.71976 \n',
     None),
    ('range_assign_taper',
     'create soma\naccess soma\nnseg = 5\ndiam(0:1) = 1:9\nfor (x) print x, diam(x)\nfor (x, 0) print x\ndiam(0.5) = 42\nprint diam(0.5), diam(0.1)\n',
     '0 1.8 \n0.1 1.8 \n0.3 3.4 \n0.5 5 \n0.7 6.6 \n0.9 8.2 \n1 8.2 \n0.1 \n0.3 \n0.5 \n0.7 \n0.9 \n42 1.8 \n',
     None),
    ('insert_mechanisms',
     'create soma\naccess soma\ninsert hh\ninsert pas\nprint ismembrane("hh"), ismembrane("pas"), ismembrane("na_ion"), ismembrane("kdr")\nprint gnabar_hh, soma.gkbar_hh, g_pas, e_pas\ngnabar_hh = 0.2\nsoma.g_pas(0.5) = 0.001\nprint gnabar_hh(0.5), g_pas\nuninsert pas\nprint ismembrane("pas")\n',
     '1 1 1 0 \n0.12 0.036 0.001 -70 \n0.2 0.001 \n0 \n',
     None),
    ('connect_topology',
     'create soma, dend[2], axon\nconnect dend[0](0), soma(1)\nconnect dend[1](0), soma(1)\nsoma connect axon(0), 0\ntopology()\naccess dend[1]\nprint secname()\n',
     '\n|-|       soma(0-1)\n   `|       dend[0](0-1)\n   `|       dend[1](0-1)\n `|       axon(0-1)\n\n\t1 \ndend[1]\n',
     None),
    ('forall_forsec_ifsec',
     'create soma, dend[3], adend\nforall print secname()\nforsec "dend" print "re", secname()\nforsec "^dend" print "anchored", secname()\nforsec "dend[1]" print "literal", secname()\nsoma ifsec "so" print "soma matches"\ndend[2] ifsec "so" print "no"\nn = 0\nforall n += 1\nprint n\n',
     'soma\ndend[0]\ndend[1]\ndend[2]\nadend\nredend[0]\nredend[1]\nredend[2]\nreadend\nanchoreddend[0]\nanchoreddend[1]\nanchoreddend[2]\nliteraldend[1]\nsoma matches\n5 \n',
     None),
    ('sectionlist',
     'create soma, dend[3]\nobjref sl\nsl = new SectionList()\ndend[1] sl.append()\nsoma sl.append()\nforsec sl print secname()\ndend[1] ifsec sl print "in list"\ndend[2] ifsec sl print "not in list"\n',
     'dend[1]\nsoma\nin list\n',
     None),
    ('template_sections',
     'begintemplate Cell\npublic soma, dend\ncreate soma, dend[2]\nproc init() {\n    soma { L = 10 }\n    connect dend[0](0), soma(1)\n}\nendtemplate Cell\nobjref c1, c2\nc1 = new Cell()\nc2 = new Cell()\nforall print secname()\nc1.soma print L\nprint c2.dend[1].L\nc1.dend[0] { print secname(), L }\n',
     'Cell[0].soma\nCell[0].dend[0]\nCell[0].dend[1]\nCell[1].soma\nCell[1].dend[0]\nCell[1].dend[1]\n10 \n100 \nCell[0].dend[0]100 \n',
     None),
    ('push_pop',
     'create soma, dend\naccess soma\npush_section("dend")\nprint secname()\n{ push_section("dend")  print secname()  pop_section() print secname() }\nproc p() { push_section("dend") }\np()\nprint secname()\n{p() print secname()}\n',
     '\t1 \nsoma\ndend\nsoma\nsoma\ndend\n',
     None),
    ('section_in_expressions',
     'create soma\nsoma.nseg = 4\nsoma { insert pas }\nx = 0\nsoma for (x, 0) { x2 = x }\nprint x2\nprint soma.v(0.5), soma.e_pas\nv = -70\nprint soma.v\n',
     '0.875 \n-65 -70 \n-70 \n',
     None),
    ('pointers_to_range',
     'create soma\nobjref vec\nvec = new Vector()\nsoma vec.record(&v(0.5))\nsoma print v(0.5)\n',
     '-65 \n',
     None),
    ('recreate',
     'create a\na.L = 5\ncreate a\nprint a.L\n',
     '100 \n',
     None),
    ('forall_in_object',
     'create top1\nbegintemplate C\npublic soma\ncreate soma\nproc init() { forall print "in", secname()  forsec "soma" print "fs", secname() }\nendtemplate C\nobjref a, b\na = new C()\nb = new C()\nobject_push(b)\nforall print "pushed", secname()\nobject_pop()\nforall print secname()\n',
     'inC[0].soma\nfsC[0].soma\ninC[1].soma\nfsC[1].soma\n\t0 \npushedC[1].soma\n\t0 \ntop1\nC[0].soma\nC[1].soma\n',
     None),
]


@pytest.mark.parametrize("name,code,expected,error", CASES, ids=[c[0] for c in CASES])
def test_hoc(name, code, expected, error, tmp_path):
    check_case(code, expected, error, cwd=str(tmp_path))
