"""Control flow: HOC snippets, with the output and error NEURON 9.0.2's nrniv gives for them."""
import pytest

from .hoc_cases import check_case

CASES = [
    ('if_else',
     'x = 3\nif (x > 2) print "big" else print "small"\nif (x > 5) { print "a" } else if (x > 2) { print "b" } else { print "c" }\nif (x) if (x > 100) print "no" else print "inner else"\n',
     'big\nb\ninner else\n',
     None),
    ('while_break_continue',
     'i = 0\ns = 0\nwhile (i < 10) {\n    i += 1\n    if (i % 2 == 0) continue\n    if (i > 7) break\n    s += i\n}\nprint i, s\n',
     '9 16 \n',
     None),
    ('for_range',
     'for i = 1, 3 { print i }\nprint "after", i\nfor i = 3, 1 { print "never" }\nprint "empty", i\nfor i = 1, 3 { i = i + 1 print "in", i }\nprint i\nfor i = 0.5, 2.6 print i\nn = 2\nfor i = 1, n { n = 5 print i }\n',
     '1 \n2 \n3 \nafter4 \nempty3 \nin2 \nin4 \n5 \n0.5 \n1.5 \n2.5 \n1 \n2 \n',
     None),
    ('for_c_style',
     'for (i = 0; i < 5; i += 1) {\n    if (i == 1) continue\n    if (i == 4) break\n    print i\n}\nprint "i is", i\nfor (j = 10; j > 7; j = j - 1) print j\n',
     '0 \n2 \n3 \ni is4 \n10 \n9 \n8 \n',
     None),
    ('nested_loops',
     't2 = 0\nfor i = 1, 4 {\n    for j = 1, i {\n        if (j == 3) break\n        t2 += i * j\n    }\n}\nprint t2\n',
     '28 \n',
     None),
    ('stop_statement',
     'proc p() { print "before" stop print "after" }\np()\nprint "continues"\n',
     'before\ncontinues\n',
     None),
    ('blocks_on_one_line',
     '{ x = 1  y = 2  z = x + y  print z }\n{ a = 1 b = 2\n  print a + b }\n',
     '3 \n3 \n',
     None),
    ('loop_var_global_shared',
     'proc inner() { i = i + 2 }\nk = 0\nfor i = 1, 10 { inner()  k += 1 }\nprint k, i\n',
     '4 13 \n',
     None),
    ('loop_error_keeps_values',
     'x = 0\nn = execute1("for i = 1, 10 { x += 1  if (i == 5) y = 1/0 }", 0)\nprint n, x, i\nk = 0\nn = execute1("while (1) { k += 2  if (k > 7) z = log(-1) }", 0)\nprint n, k\n',
     '0 5 5 \n0 8 \n',
     None),
]


@pytest.mark.parametrize("name,code,expected,error", CASES, ids=[c[0] for c in CASES])
def test_hoc(name, code, expected, error, tmp_path):
    check_case(code, expected, error, cwd=str(tmp_path))
