"""Matrix behaviour as NEURON 9.0.2 shows it (exact where NEURON's factorisation is followed,
to rounding for LAPACK-backed methods)."""
import numpy as np
import pytest

from neuron_core.vector import Vector
from neuron_hoc.classes import Matrix
from neuron_hoc.values import HocRef


@pytest.fixture
def m():
    a = Matrix(3, 3)
    for i in range(3):
        for j in range(3):
            a.setval(i, j, i * j + 1 + (i == j))
    return a


def test_printf_default_format(m, capsys):
    assert m.printf() == 0.0
    assert capsys.readouterr().out == (" 2        1        1       \n"
                                       " 1        3        3       \n"
                                       " 1        3        6       \n")
    m.printf("%5.2f", "|\n")
    assert capsys.readouterr().out == " 2.00 1.00 1.00|\n 1.00 3.00 3.00|\n 1.00 3.00 6.00|\n"


def test_elements_rows_columns_diagonals(m):
    assert (m.nrow(), m.ncol(), m.getval(1, 2)) == (3, 3, 3.0)
    for bad in [(3, 0), (1.7, 2.9)]:
        with pytest.raises(RuntimeError):
            m.getval(*bad)
    assert m.setval(0, 0, 5) == 5.0
    assert m.x[0][0] == 5.0 and m.x[1, 2] == 3.0
    assert m.getrow(1).to_python() == [1.0, 3.0, 3.0]
    assert m.getcol(2).to_python() == [1.0, 3.0, 6.0]
    assert m.getdiag(1).to_python() == [1.0, 3.0, 0.0]
    assert m.getdiag(-1).to_python() == [0.0, 1.0, 3.0]
    with pytest.raises(RuntimeError):
        m.getdiag(5)
    assert m.c().setrow(0, Vector([7, 8, 9])).getrow(0).to_python() == [7.0, 8.0, 9.0]
    assert m.c().setcol(1, 4).getcol(1).to_python() == [4.0, 4.0, 4.0]
    assert m.c().setdiag(-1, Vector([1, 2, 3])).to_vector().to_python() == [5.0, 2.0, 1.0, 1.0, 3.0, 3.0,
                                                                              1.0, 3.0, 6.0]
    assert m.c().setdiag(1, 9).to_vector().to_python() == [5.0, 1.0, 1.0, 9.0, 3.0, 3.0, 1.0, 9.0, 6.0]
    with pytest.raises(RuntimeError):
        m.setrow(0, Vector([1, 2]))
    assert Matrix(2, 3).ident().to_vector().to_python() == [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    assert Matrix().nrow() == 1 and (Matrix(2).nrow(), Matrix(2).ncol()) == (2, 1)


def test_products_and_copies(m):
    m.setval(0, 0, 5)
    assert m.mulv(Vector([1, 2, 3])).to_python() == [10.0, 16.0, 25.0]
    with pytest.raises(RuntimeError):
        m.mulv(Vector([1, 2]))
    v = Vector([1, 2, 3])
    assert m.mulv(v, v) is v and v.to_python() == [10.0, 16.0, 25.0]
    assert m.mulm(m).to_vector().to_python() == [27.0, 11.0, 14.0, 11.0, 19.0, 28.0, 14.0, 28.0, 46.0]
    with pytest.raises(RuntimeError):
        m.mulm(Matrix(2, 2))
    with pytest.raises(RuntimeError):
        m.mulm(m, m)
    assert Matrix(2, 3).mulm(Matrix(3, 4)).ncol() == 4
    assert m.c().muls(2).getval(2, 2) == 12.0
    assert m.c().add(m).getval(0, 0) == 10.0
    assert m.transpose().getval(0, 2) == m.getval(2, 0)
    assert Matrix(2, 3).transpose().nrow() == 3
    b = m.bcopy(1, 1, 2, 2)
    assert (b.nrow(), b.ncol(), b.to_vector().to_python()) == (2, 2, [3.0, 3.0, 3.0, 6.0])
    b2 = m.bcopy(1, 1, 2, 2, 1, 0)
    assert (b2.nrow(), b2.ncol()) == (3, 2) and b2.getval(2, 1) == 6.0
    r = m.c().resize(4, 2)
    assert r.to_vector().to_python() == [5.0, 1.0, 1.0, 0.0, 1.0, 3.0, 3.0, 0.0]
    assert m.c().zero().to_vector().to_python() == [0.0] * 9
    assert Matrix(2, 3).from_vector(Vector(range(6))).getrow(1).to_python() == [1.0, 3.0, 5.0]
    with pytest.raises(RuntimeError):
        Matrix(2, 3).from_vector(Vector(5))
    assert m.pow(3).to_vector().to_python() == [160.0, 102.0, 144.0, 102.0, 152.0, 236.0, 144.0,
                                               236.0, 374.0]
    assert m.pow(0).to_vector().to_python() == [1.0, 0, 0, 0, 1.0, 0, 0, 0, 1.0]
    assert Matrix(2, 2).set(1, 2, 3, 4).getrow(1).to_python() == [3.0, 4.0]


def test_solve_and_determinant_follow_neuron(m):
    m.setval(0, 0, 5)
    x = m.solv(Vector([1, 2, 3]))
    assert x.to_python() == [0.07142857142857144, 0.30952380952380953, 0.3333333333333333]
    assert m.solv(Vector([1, 2, 3]), 1).to_python() == x.to_python()
    e = HocRef(0.0)
    assert m.det(e) == 4.2 and e.v == 1.0
    assert Matrix(2, 2).det(e) == 0.0 and e.v == 0.0
    big = Matrix(3, 3)
    big.setdiag(0, 1000)
    assert big.det(e) == 1.0 and e.v == 9.0
    big.setval(0, 0, -0.002)
    assert big.det(e) == -2.0 and e.v == 3.0
    with pytest.raises(RuntimeError):
        Matrix(3, 4).det(e)


def test_decompositions_match_to_rounding(m):
    m.setval(0, 0, 5)
    inv = m.inverse()
    assert np.allclose(m.mulm(inv).to_vector().to_python(), np.eye(3).ravel())
    e = m.exp()
    ref = [708.75904189718381, 837.19597732464752, 1287.3424618431015, 837.19597732464706,
           1135.0506816673419, 1761.3437911098513, 1287.3424618431006, 1761.3437911098513,
           2746.3456446043742]
    assert np.allclose(e.to_vector().to_python(), np.array(ref).reshape(3, 3).T.ravel(), rtol=1e-13)
    s = m.c().add(m.transpose())
    q = Matrix(1, 1)
    vals = s.symmeig(q)
    assert np.allclose(vals.to_python(), sorted([8.943332203528234, 16.823486924211174, 2.233180872260599]))
    qa = np.array(q.to_vector().to_python()).reshape(3, 3).T
    sa = np.array(s.to_vector().to_python()).reshape(3, 3).T
    assert np.allclose(qa.T @ sa @ qa, np.diag(vals.to_python()))
    u, v = Matrix(), Matrix()
    d = m.svd(u, v)
    assert np.allclose(d.to_python(), [8.411743462105578, 4.471666101764113, 1.1165904361302994])
    ua = np.array(u.to_vector().to_python()).reshape(3, 3).T
    va = np.array(v.to_vector().to_python()).reshape(3, 3).T
    ma = np.array(m.to_vector().to_python()).reshape(3, 3).T
    assert np.allclose(ua.T @ np.diag(d.to_python()) @ va, ma)


def test_sparse_structure():
    sp = Matrix(4, 5, 2)
    sp.setval(0, 2, 1.2)
    sp.setval(0, 4, 2.4)
    sp.setval(1, 1, 3.1)
    sp.setval(3, 0, 0)
    j = HocRef(0.0)
    assert sp.sprowlen(0) == 2 and sp.spgetrowval(0, 1, j) == 2.4 and j.v == 4.0
    assert sp.sprowlen(3) == 1 and sp.sprowlen(2) == 0
    assert sp.mulv(Vector([1, 2, 3, 4, 5])).to_python() == [15.6, 6.2, 0.0, 0.0]
    assert sp.getval(2, 2) == 0.0 and sp.sprowlen(2) == 0
    sq = Matrix(3, 3, 2)
    sq.setdiag(0, 3)
    sq.setdiag(-1, -1)
    sq.setdiag(1, -1)
    assert sq.sprowlen(1) == 3
    assert np.allclose(sq.solv(Vector([1, 0, 0])).to_python(),
                       [0.38095238095238093, 0.14285714285714285, 0.047619047619047616])
    with pytest.raises(RuntimeError):
        Matrix(2, 2).sprowlen(0)
