"""Timer (actions run from the event loop) and C-style formatting of HOC arguments."""
import pytest

from neuron_hoc.classes import Timer
from neuron_hoc.classes.hocformat import sprintf
from neuron_hoc.classes.timer import process_timers, set_statement_runner


def test_timer_fires_when_due_only_while_started():
    calls = []
    t = Timer(lambda: calls.append(1))
    assert t.seconds() == 1.0 and t.seconds(0.5) == 0.5
    assert process_timers() == 0
    t.start()
    due = t._due
    assert process_timers(due - 0.01) == 0 and calls == []
    assert process_timers(due) == 1 and calls == [1]
    assert process_timers(due + 0.1) == 0  # next due half a second later
    assert process_timers(due + 0.5) == 1 and calls == [1, 1]
    t.end()
    assert process_timers(due + 10) == 0


def test_timer_runs_hoc_statements_through_the_interpreter():
    ran = []
    set_statement_runner(ran.append)
    try:
        t = Timer("x = x + 1")
        t.start()
        process_timers(t._due)
        t.end()
    finally:
        set_statement_runner(None)
    assert ran == ["x = x + 1"]
    with pytest.raises(RuntimeError):
        Timer().seconds(-1)


@pytest.mark.parametrize("fmt, args, out", [
    ("%d|%5.2f|%s|%g\n", (3.7, 2, "ab", 1e-5), "3| 2.00|ab|1e-05\n"),
    ("%x %o %c %e\n", (255, 8, 65, 1234.5), "ff 10 A 1.234500e+03\n"),
    ("%d\n", (-3.7,), "-3\n"),
    ("%5s|%-5d|\n", ("a", 3), "    a|3    |\n"),
    ("%%%g\n", (2,), "%2\n"),
    ("%ld %lf\n", (7.9, 3.2), "7 3.200000\n"),
    ("%.3s|\n", ("abcdef",), "abc|\n"),
])
def test_sprintf_matches_hoc(fmt, args, out):
    assert sprintf(fmt, args) == out


def test_sprintf_errors():
    with pytest.raises(RuntimeError):
        sprintf("%d %d\n", (1,))
    with pytest.raises(RuntimeError):
        sprintf("%s\n", (3,))
