"""`nrniv` / `nrngui`: run HOC files and statements, then read HOC from standard input
(an interactive prompt when it is a terminal), as NEURON's nrniv does.

    nrniv [-nogui] [-isatty|-notatty] [-nobanner] [-python] [file.hoc|file.py|-c stmt|-] ...

Files and -c statements run in the order given.  An error is printed and abandons the
rest of that file; the exit status is then 1.  quit() ends the program at once.
"""
from __future__ import annotations

import gc
import os
import runpy
import sys
from typing import List, Optional

from .errors import HocError, HocQuit, HocSyntaxError

BANNER = "NEURON -- VERSION 9.0.2 (neuron-hoc, a Python reimplementation)\n\n"
_IGNORED_WITH_VALUE = ("-NSTACK", "-NFRAME", "-mpi_lib")
_IGNORED = ("-nogui", "-mpi", "-nopython", "-music", "-pyexe")


def main(argv: Optional[List[str]] = None, interp=None) -> int:
    """Run nrniv with argv (sys.argv[1:] by default) in the process's interpreter, or in
    interp when given (tests)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    actions = []          # ("file", path) | ("stmt", text) | ("stdin", None)
    python = False
    banner = True
    isatty: Optional[bool] = None
    dlls = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "-c" and i + 1 < len(argv):
            actions.append(("stmt", argv[i + 1]))
            i += 2
            continue
        if a in _IGNORED_WITH_VALUE:
            i += 2
            continue
        if a == "-dll" and i + 1 < len(argv):
            dlls.append(argv[i + 1])
            i += 2
            continue
        if a == "-python":
            python = True
        elif a == "-nobanner":
            banner = False
        elif a == "-isatty":
            isatty = True
        elif a == "-notatty":
            isatty = False
        elif a == "-":
            actions.append(("stdin", None))
        elif a in _IGNORED:
            pass
        elif a.startswith("-") and len(a) > 1:
            sys.stderr.write("nrniv: unknown option %s (ignored)\n" % a)
        else:
            actions.append(("file", a))
        i += 1
    if python:
        return _run_python(actions)
    if interp is None:
        from .top import get_h
        interp = get_h()._interp
        # the interpreter's own objects (modules, classes, compiled library code) live as
        # long as the process: keep them out of the cyclic collector's full scans
        gc.freeze()
    interp.prog = "nrniv"
    if banner:
        sys.stderr.write(BANNER)
    status = 0
    try:
        for path in dlls:
            interp.G["_b_nrn_load_dll"](path)
        for kind, what in actions:
            if kind == "file" and what.endswith(".py"):
                runpy.run_path(what, run_name="__main__")
                continue
            if not _run_action(interp, kind, what):
                status = 1
        if not any(kind == "stdin" for kind, _ in actions):
            tty = sys.stdin is not None and sys.stdin.isatty() if isatty is None else isatty
            if tty:
                interactive(interp)
            elif sys.stdin is not None and not sys.stdin.closed:
                if not _run_action(interp, "stdin", None):
                    status = 1
    except HocQuit as q:
        sys.stdout.flush()
        return q.status or status   # an earlier error still makes the exit status 1, as NEURON
    sys.stdout.flush()
    return status


def _run_action(interp, kind: str, what) -> bool:
    try:
        if kind == "file":
            path = os.path.abspath(what)
            if not os.path.isfile(path):
                raise HocError("Can't open %s" % what)
            interp.loaded_files.add(os.path.realpath(path))
            interp.run_file(path, chdir=False)
        elif kind == "stmt":
            interp.run_text(what, "")
        else:
            interp.run_text(sys.stdin.read(), "stdin")
    except HocError as e:
        interp.report_error(e)
        return False
    return True


def interactive(interp) -> None:
    """The `oc>` prompt: read until a statement is complete, run it, report errors."""
    buf = ""
    while True:
        try:
            line = input("oc>" if not buf else "")
        except EOFError:
            sys.stdout.write("\n")
            return
        buf += line + "\n"
        try:
            interp.run_text(buf, "")
        except HocSyntaxError as e:
            if e.incomplete:
                continue
            interp.report_error(e)
        except HocError as e:
            interp.report_error(e)
        buf = ""


def _run_python(actions) -> int:
    files = [w for k, w in actions if k == "file"]
    if not files:
        import code
        code.interact(local={"__name__": "__main__"})
        return 0
    for f in files:
        sys.argv = [f]
        runpy.run_path(f, run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main())
