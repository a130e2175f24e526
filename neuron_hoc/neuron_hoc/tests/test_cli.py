"""The nrniv command: files and -c statements in order, errors, quit(), stdin."""
import io
import sys

import pytest

from neuron_hoc.cli import main


@pytest.fixture
def run(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)

    def go(argv, stdin=""):
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        status = main(["-nobanner"] + argv)
        out = capsys.readouterr()
        return status, out.out, out.err
    go.path = tmp_path
    return go


def test_file_and_statements(run):
    (run.path / "a.hoc").write_text('x = 3\nprint "file", x\n')
    status, out, err = run(["-c", "x = 1", "a.hoc", "-c", "print x + 1"])
    assert status == 0
    assert out == "file3 \n4 \n"


def test_error_status_and_message(run):
    (run.path / "bad.hoc").write_text("x = 1\ny = 1/0\nprint \"never\"\n")
    status, out, err = run(["bad.hoc", "-c", 'print "next"'])
    assert status == 1
    assert "never" not in out and "next" in out
    assert "division by zero" in err and "bad.hoc near line 2" in err


def test_quit_ends_at_once(run):
    (run.path / "q.hoc").write_text('print "a"\nquit()\nprint "b"\n')
    status, out, err = run(["q.hoc", "-c", 'print "c"'])
    assert status == 0 and out == "a\n"


def test_reads_stdin_after_files(run):
    status, out, err = run(["-c", "x = 2"], stdin="print x * 10\n")
    assert status == 0 and out == "20 \n"


def test_python_file(run):
    (run.path / "s.py").write_text("from neuron_hoc.top import get_h\nget_h()('print 99')\n")
    status, out, err = run(["s.py"])
    assert status == 0 and out == "99 \n"


def test_quit_after_an_error_exits_with_1(run):
    (run.path / "bad.hoc").write_text("y = undefined_thing + 1\n")
    status, out, err = run(["bad.hoc", "-c", "quit()"])
    assert status == 1 and "undefined_thing" in err
