"""Strings and I/O: HOC snippets, with the output and error NEURON 9.0.2's nrniv gives for them."""
import pytest

from .hoc_cases import check_case

CASES = [
    ('print_formats',
     'strdef s\ns = "str"\nprint 1, "a", 2.5, s, 1/3, -0.1\nprint "all", 0.5\nprint 1e-300, 1e300, 123456789012\n',
     '1 a2.5 str0.33333333 -0.1 \nall0.5 \n1e-300 1e+300 1.2345679e+11 \n',
     None),
    ('printf_formats',
     'printf("%d %5.2f %s %c %x %e|\\n", 3.7, 3.14159, "x", 65, 255.9, 12345.678)\nprintf("%-5d|%05d|%+d|% d\\n", 42, 42, 42, 42)\nprintf("%g %g %g %g\\n", 1e-5, 123456, 1234567, 0.0001)\nprintf("%10.4s|%%|%o\\n", "abcdefgh", 8)\nx = printf("abc\\n")\nprint x\n',
     '3  3.14 x A ff 1.234568e+04|\n\t29 \n42   |00042|+42| 42\n\t20 \n1e-05 123456 1.23457e+06 0.0001\n\t32 \n      abcd|%|10\n\t16 \nabc\n4 \n',
     None),
    ('sprint',
     'strdef s, t1\nsprint(s, "%s_%d_%.3f", "ab", 42, 3.14159)\nprint s\nsprint(t1, "%s+%s", s, s)\nprint t1\nsprint(s, "no args")\nprint s\n',
     '\t1 \nab_42_3.142\n\t1 \nab_42_3.142+ab_42_3.142\n\t1 \nno args\n',
     None),
    ('strcmp',
     'print strcmp("abc", "abd"), strcmp("b", "a"), strcmp("abc", "ab"), strcmp("a", "z"), strcmp("x", "x")\nprint strcmp("abc", "abd") < 0, strcmp("b", "a") > 0, strcmp("q", "q") == 0\n',
     '-1 1 99 -25 0 \n1 1 1 \n',
     None),
    ('sscanf',
     'x = 0\ny = 0\nstrdef w\nn = sscanf("12.5 7", "%lf %lf", &x, &y)\nprint n, x, y\nn = sscanf("abc 3", "%s %d", w, &x)\nprint n, w, x\nn = sscanf("Vector[12]", "%[^[]", w)\nprint n, w\nn = sscanf("", "%lf", &x)\nprint n\n',
     '2 12.5 7 \n2 abc3 \n1 Vector\n-1 \n',
     None),
    ('strdef_assign',
     'strdef a, b\na = "first"\nb = a\na = "second"\nprint a, b\n',
     'secondfirst\n',
     None),
    ('toplevel_string',
     '"hello there"\nstrdef s\ns = "value"\ns\n',
     'hello there\nvalue\n',
     None),
    ('files_wopen_ropen',
     'wopen("tmp_io_test.txt")\nfprint("%d %s\\n", 5, "five")\nfprint("3.5 4.5\\n")\nwopen()\nropen("tmp_io_test.txt")\nstrdef line\ngetstr(line)\nprint line\nprint fscan(), fscan()\nropen()\nsystem("rm -f tmp_io_test.txt")\n',
     '\t1 \n\t7 \n\t8 \n\t1 \n\t1 \n\t7 \n5 five\n\n3.5 4.5 \n\t1 \n\t0 \n',
     None),
    ('format_objects',
     'begintemplate Thing\nendtemplate Thing\nobjref o, nil\no = new Thing()\nstrdef s\nsprint(s, "%s|%s", o, nil)\nprint s\nprintf("%s %s\\n", o, "x")\nsprint(s, "%s", 3)\n',
     '\t1 \nThing[0]|NULLobject\nThing[0] x\n\t11 \n',
     'Expecting string argument'),
]


@pytest.mark.parametrize("name,code,expected,error", CASES, ids=[c[0] for c in CASES])
def test_hoc(name, code, expected, error, tmp_path):
    check_case(code, expected, error, cwd=str(tmp_path))
