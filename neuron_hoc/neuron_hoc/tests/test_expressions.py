"""Expressions: HOC snippets, with the output and error NEURON 9.0.2's nrniv gives for them."""
import pytest

from .hoc_cases import check_case

CASES = [
    ('precedence',
     'print -2^2, 2^3^2, 2^-1, -2^-2, 2*-3, 1+2*3-4/2\nprint 2 - 3 - 4, 2/4/2, (1+2)*3, !0 + 1, !(1 > 2) * 5, -(-3)\nprint 1 + 2 < 4 && 2 > 1, 1 < 2 == 1, 0 || 0 && 1\n',
     '-4 512 0.5 -0.25 -6 5 \n-5 0.25 9 2 5 3 \n1 1 0 \n',
     None),
    ('modulus',
     'print 7 % 3, -7 % 3, 7.5 % 2, -1 % 5, 5 % 5, 0 % 3, -5 % 5, 10 % 2.5, 1e10 % 7\n',
     '1 2 1.5 4 0 0 0 0 4 \n',
     None),
    ('epsilon_comparisons',
     'print 0.1 + 0.2 == 0.3, 1 == 1 + 1e-12, 1 == 1 + 1e-10, 1 < 1 + 1e-12, 1 <= 1 - 1e-12\nprint 2 > 2 - 1e-12, 2 >= 2 + 1e-12, 3 != 3 + 1e-12\nfloat_epsilon = 0\nprint 0.1 + 0.2 == 0.3, 1 == 1 + 1e-12\nfloat_epsilon = 1e-11\n',
     '1 1 0 0 1 \n0 1 0 \n0 0 \n',
     None),
    ('toplevel_values',
     '1 + 2\nx = 4\nx\n(x = 5)\n-x\nx == 5\n1/3\n1e20\n123456789\n-0\n',
     '\t3 \n\t4 \n\t5 \n\t-5 \n\t1 \n\t0.33333333 \n\t1e+20 \n\t1.2345679e+08 \n\t-0 \n',
     None),
    ('assignment_ops',
     'x = 10\nx += 2\nx -= 1\nx *= 3\nx /= 11\nprint x\ny = z = 3\nprint y, z\na = (b = 2) + 1\nprint a, b\n',
     '3 \n3 3 \n3 2 \n',
     None),
    ('logical_values',
     'x = (3 > 2) + (2 > 3) * 10\nprint x, !x, !!x, (1 && 2), (0 || 0.5)\nif (1e-12) print "tiny is true"\nif (!0) print "not zero"\n',
     '1 0 1 1 1 \ntiny is true\nnot zero\n',
     None),
    ('number_literals',
     'print .5, 5., 1e3, 1.5e-3, 1E2, 2e+2, 0.000001, 1e-7\n',
     '0.5 5 1000 0.0015 100 200 1e-06 1e-07 \n',
     None),
    ('int_abs_math',
     'print int(2.7), int(-2.7), int(2.99999999999), int(-2.99999999999), abs(-3), abs(2)\nprint sqrt(16), exp(0), log(E), log10(1000), sin(0), cos(0), atan(1)*4, tanh(0), atan2(1, 1)\nprint erf(0), erfc(0), exp(-800), int(1e15)\n',
     '2 -2 3 -3 3 2 \n4 1 1 3 0 1 3.1415927 0 0.78539816 \n0 1 0 1e+15 \n',
     None),
    ('constants',
     'print PI, E, GAMMA, DEG, PHI, FARADAY, R, float_epsilon\nprintf("%.17g %.17g %.17g\\n", PI, FARADAY, R)\n',
     '3.1415927 2.7182818 0.57721566 57.29578 1.618034 96485.332 8.3144626 1e-11 \n3.1415926535897931 96485.332123310014 8.3144626181532395\n\t57 \n',
     None),
]


@pytest.mark.parametrize("name,code,expected,error", CASES, ids=[c[0] for c in CASES])
def test_hoc(name, code, expected, error, tmp_path):
    check_case(code, expected, error, cwd=str(tmp_path))
