"""File semantics as NEURON 9.0.2 shows them, and Vector/Matrix I/O through File objects."""
import os

import pytest

from neuron_core.vector import Vector
from neuron_hoc.classes import File, Matrix
from neuron_hoc.values import HocRef


@pytest.fixture
def name(tmp_path):
    return str(tmp_path / "ft.txt")


def test_open_close_and_names(name):
    f = File()
    assert f.getname() == "" and f.isopen() == 0.0
    assert f.ropen(name + ".missing") == 0.0 and f.isopen() == 0.0
    assert f.getname() == name + ".missing"
    assert f.wopen(name) == 1.0 and f.isopen() == 1.0
    assert f.close() == 0.0 and f.isopen() == 0.0 and f.close() == 0.0
    g = File(name)
    assert g.getname() == name and g.ropen() == 1.0
    s = HocRef("")
    assert g.getname(s) == name and s.v == name
    with pytest.raises(RuntimeError):
        File(name + ".missing").scanvar()


def test_printf_gets_scanvar_scanstr(name):
    f = File()
    f.wopen(name)
    assert f.printf("%d %s %g\n", 3, "ab", 2.5) == 0.0
    f.printf("x y\n")
    f.printf("1 2 3\n")
    assert f.tell() == 19
    assert f.flush() == 1.0
    f.close()
    assert f.ropen() == 1.0 and f.eof() == 0.0
    s = HocRef("")
    assert f.gets(s) == 9.0 and s.v == "3 ab 2.5\n"
    assert f.gets(s) == 4.0 and s.v == "x y\n"
    assert f.gets(s) == 6.0 and s.v == "1 2 3\n"
    assert f.gets(s) == -1.0 and s.v == "1 2 3\n" and f.eof() == 1.0
    assert f.seek(0) == 0.0
    assert f.scanvar() == 3.0
    assert f.scanstr(s) == 2.0 and s.v == "ab"
    assert f.scanvar() == 2.5
    assert f.scanstr(s) == 1.0 and s.v == "x"
    assert f.scanstr(s) == 1.0 and s.v == "y"
    assert f.eof() == 0.0
    assert (f.scanvar(), f.scanvar(), f.eof()) == (1.0, 2.0, 0.0)
    assert f.scanstr(s) == 1.0 and s.v == "3"
    assert f.gets(s) == 1.0 and s.v == "\n"
    assert f.scanstr(s) == -1.0
    assert (f.seek(2), f.tell(), f.seek(-1, 2), f.tell(), f.seek(100), f.tell()) == (0.0, 2, 0.0, 18, 0.0, 100)
    assert f.seek(-100) == -1.0
    assert (f.aopen(), f.printf("%g\n", 7), f.close()) == (1.0, 0.0, 0.0)
    with open(name) as g:
        assert g.read() == "3 ab 2.5\nx y\n1 2 3\n7\n"


def test_mktemp_unlink():
    f = File()
    assert f.dir() == "" and f.chooser() == 0.0
    assert f.mktemp() == 1.0
    assert os.path.exists(f.getname())
    assert f.unlink() == 1.0 and f.unlink() == 0.0


def test_binary_doubles_through_pointers(name):
    x = Vector([1, 2, 3])
    w = File()
    w.wopen(name)
    assert w.vwrite(3, x._ref_x[0]) == 3.0
    assert w.vwrite(x._ref_x[1]) == 1.0
    w.close()
    w.ropen()
    y = Vector(4)
    assert w.vread(4, y._ref_x[0]) == 4.0
    assert y.to_python() == [1.0, 2.0, 3.0, 2.0]


def test_vector_io_with_file(name):
    v = Vector([3, 2, 15, 16])
    f = File()
    f.wopen(name)
    v.vwrite(f)
    f.close()
    vr = Vector()
    f.ropen(name)
    vr.vread(f)
    assert vr.to_python() == v.to_python()
    f.close()
    assert f.unlink() == 1.0
    f.wopen(name)
    f.printf("%d %d %d %d\n", 3, 2, 15, 16)
    f.close()
    f.ropen(name)
    vr.resize(0)
    vr.scanf(f)
    assert vr.to_python() == v.to_python()
    f.seek(0)
    vr2 = Vector(4)
    vr2.scanf(f)
    assert vr2.to_python() == v.to_python()
    f.seek(0)
    vr.resize(0)
    vr.scanf(f, 1)
    assert vr.to_python() == [3.0]
    vr.scanf(f, 1)
    assert vr.to_python() == [2.0]
    f.seek(0)
    vr.scantil(f, 15.0)
    assert vr.to_python() == [3.0, 2.0]
    f.close()


def test_matrix_fprint_scanf(name):
    m = Matrix(2, 3)
    m.from_vector(Vector(range(6)))
    f = File()
    f.wopen(name)
    assert m.fprint(f) == 0.0
    m.fprint(0, f, "%g,", "|\n")
    f.close()
    with open(name) as g:
        assert g.read() == "2 3\n 0        2        4       \n 1        3        5       \n0,2,4,|\n1,3,5,|\n"
    f.ropen()
    m2 = Matrix()
    m2.scanf(f)
    assert (m2.nrow(), m2.ncol()) == (2, 3)
    assert m2.to_vector().to_python() == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
