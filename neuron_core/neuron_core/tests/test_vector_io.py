"""Vector binary and text file methods, through the File protocol (`_binary_file()`)."""
import struct

import pytest

from neuron_core.vector import Vector
from neuron_core.vector.textscan import at_eof, scan_number


class OpenFile:
    """The part of a HOC File object the Vector uses."""

    def __init__(self, path, mode):
        self.f = open(path, mode)

    def _binary_file(self):
        return self.f

    def close(self):
        self.f.close()


@pytest.fixture
def path(tmp_path):
    return str(tmp_path / "data.tmp")


def write_text(path, text):
    with open(path, "w") as f:
        f.write(text)


def test_vwrite_vread_round_trip(path):
    v = Vector([3, 2, 15, 16])
    f = OpenFile(path, "wb")
    assert v.vwrite(f) == 1
    f.close()
    with open(path, "rb") as raw:
        assert struct.unpack("=ii", raw.read(8)) == (4, 4)
    f = OpenFile(path, "rb")
    vr = Vector()
    assert vr.vread(f) == 1
    assert vr.to_python() == v.to_python()


@pytest.mark.parametrize("kind, values", [(1, [1, 2, 3, 4]), (2, [4, 3, 2, 1]), (3, [4, 5, 6, 7]),
                                          (4, [7, 8, 9, 10]), (5, [0, 1, 2, 33])])
def test_vwrite_types(path, kind, values):
    f = OpenFile(path, "wb")
    Vector(values).vwrite(f, kind)
    f.close()
    f = OpenFile(path, "rb")
    vr = Vector(kind)
    vr.vread(f)
    assert vr.to_python() == [float(x) for x in values]


def test_vread_other_byte_order(path):
    with open(path, "wb") as f:
        f.write(struct.pack(">ii", 3, 4) + struct.pack(">3d", 1.5, -2.0, 7.25))
    v = Vector()
    v.vread(OpenFile(path, "rb"))
    assert v.to_python() == [1.5, -2.0, 7.25]


def test_fwrite_fread(path):
    f = OpenFile(path, "wb")
    assert Vector([1, 2, 3, 4, 5]).fwrite(f) == 5
    assert Vector([1, 2, 3, 4, 5]).fwrite(f, 1, 2) == 2
    f.close()
    f = OpenFile(path, "rb")
    v = Vector()
    assert v.fread(f, 5) == 1 and v.to_python() == [1.0, 2.0, 3.0, 4.0, 5.0]
    w = Vector(2)
    w.fread(f)
    assert w.to_python() == [2.0, 3.0]


def test_scanf_scantil_columns(path):
    write_text(path, "3 2 15 16\n")
    f = OpenFile(path, "rb")
    vr = Vector()
    assert vr.scanf(f) == 4 and vr.to_python() == [3.0, 2.0, 15.0, 16.0]
    f.f.seek(0)
    assert vr.scanf(f, 1) == 1 and vr.to_python() == [3.0]
    assert vr.scanf(f, 1) == 1 and vr.to_python() == [2.0]
    f.f.seek(0)
    assert vr.scantil(f, 15.0) == 2 and vr.to_python() == [3.0, 2.0]
    write_text(path, "3 2 15 16\n6 9 7 21\n1 4 5 22\n3 8 14 23\n")
    f = OpenFile(path, "rb")
    vc = Vector()
    vc.scanf(f, 3, 2, 4)
    assert vc.to_python() == [2.0, 9.0, 4.0]
    vc.scanf(f, 3, 2, 4)
    assert vc.to_python() == [8.0]
    f.f.seek(0)
    vc.scanf(f, 3, 4)
    assert vc.to_python() == [15.0, 7.0, 5.0, 14.0]
    f.f.seek(0)
    vc.scantil(f, 5.0, 3, 4)
    assert vc.to_python() == [15.0, 7.0]


def test_hoc_scanner_rules(path):
    write_text(path, "  label 1.5e2, nan -3 inf 0x10 7\n")
    with open(path, "rb") as f:
        assert scan_number(f) == 150.0   # "label" has no number; "1.5e2," gives its prefix
        assert scan_number(f) == -3.0    # words starting with n/i are skipped
        assert scan_number(f) == 16.0
        assert scan_number(f) == 7.0
        assert at_eof(f)
        with pytest.raises(RuntimeError):
            scan_number(f)


def test_printf_to_screen(capsys):
    v = Vector([1, 2, 3, 4, 5, 6, 7])
    assert v.printf() == 7
    assert capsys.readouterr().out == "1\t2\t3\t4\t5\t\n6\t7\t\n"
    assert v.printf("%g ", 2, 4) == 3
    assert capsys.readouterr().out == "3 4 5 "
    Vector([3.7, -2.2]).printf("%5.2f|%%|\n")
    assert capsys.readouterr().out == " 3.70|%|\n-2.20|%|\n"
    Vector([1, 2]).printf("%lf\n")
    assert capsys.readouterr().out == "1.000000\n2.000000\n"
    Vector([1]).printf("hello\n")
    assert capsys.readouterr().out == "hello\n"
    for bad in ("%d\n", "%s\n", "%e %g\n"):
        with pytest.raises(RuntimeError):
            v.printf(bad)


def test_printf_to_file(path):
    f = OpenFile(path, "wb")
    assert Vector([1, 2.5]).printf(f) == 2
    assert Vector([1, 2.5]).printf(f, "%8.4f ") == 2
    f.close()
    with open(path) as g:
        assert g.read() == "1\n2.5\n\n  1.0000   2.5000 \n"
