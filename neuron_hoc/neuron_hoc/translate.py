"""Turning any exception raised by compiled HOC code into a located HocError.

The Python traceback says which compiled unit and line failed; each unit maps its Python
lines back to HOC lines.  Python's own exceptions get NEURON's wording where one exists.
"""
from __future__ import annotations

import re

from .errors import HocError

_NAME_RX = re.compile(r"name '([A-Za-z_][A-Za-z0-9_]*)' is not defined")
_ATTR_NONE_RX = re.compile(r"'NoneType' object has no attribute '([^']*)'")
_ATTR_RX = re.compile(r"'([^']*)' object has no attribute '([^']*)'")


def message(exc: BaseException, pyline: str = "") -> str:
    if isinstance(exc, HocError):
        return exc.msg
    if isinstance(exc, ZeroDivisionError):
        return "division by zero"
    if isinstance(exc, RecursionError):
        return "call nested too deeply"
    if isinstance(exc, NameError):
        m = _NAME_RX.search(str(exc))
        if m:
            key = m.group(1)
            if key.startswith("h_"):
                if re.search(r"\b%s\(" % re.escape(key), pyline):
                    return "%s undefined function" % key[2:]
                return "undefined variable %s" % key[2:]
            if key.startswith("c_"):
                return "%s is not a template" % key[2:]
            if key.startswith("_b_"):
                return "%s undefined function" % key[3:]
        return str(exc)
    if isinstance(exc, TypeError) and "_NoArg" in str(exc):
        return "not enough arguments"
    if isinstance(exc, IndexError) and "index out of range" in str(exc) and \
            re.search(r"\b_a\[", pyline):
        return "not enough arguments"
    if isinstance(exc, AttributeError):
        m = _ATTR_NONE_RX.search(str(exc))
        if m:
            return "'%s' object prefix is nullptr" % m.group(1)
        m = _ATTR_RX.fullmatch(str(exc))
        if m:
            return "'%s' not a public member of '%s'" % (m.group(2), m.group(1))
        return str(exc)
    if isinstance(exc, ValueError) and str(exc) == "math domain error":
        return "argument out of domain"
    if isinstance(exc, KeyError):
        return "undefined variable %s" % str(exc).strip("'\"").replace("_p_", "")
    text = str(exc)
    name = type(exc).__name__
    if not text:
        return name
    if isinstance(exc, (TypeError, OverflowError, ValueError)):
        return "%s: %s" % (name, text)
    return text


def hoc_frames(interp, exc: BaseException) -> list:
    """(unit, python line) of every compiled-HOC frame of the traceback, outermost first."""
    out = []
    tb = exc.__traceback__
    while tb is not None:
        unit = interp.units.get(tb.tb_frame.f_code.co_filename)
        if unit is not None:
            out.append((unit, tb.tb_lineno))
        tb = tb.tb_next
    return out


def to_hoc_error(interp, exc: BaseException, item, source) -> HocError:
    """A HocError for exc located at the innermost HOC line that was running."""
    frames = hoc_frames(interp, exc)
    pyline = ""
    if frames:
        unit, pl = frames[-1]
        if 1 <= pl <= len(unit.pylines):
            pyline = unit.pylines[pl - 1]
    err = exc if isinstance(exc, HocError) else HocError(message(exc, pyline))
    if frames and err.msg == "not enough arguments":
        err.msg = "%s not enough arguments" % frames[-1][0].name
    if frames:
        unit, pyline = frames[-1]
        line = unit.hoc_line(pyline)
        src = unit.source
        err.locate(src.filename, line, src.source_line(line))
    elif item is not None and source is not None:
        line = getattr(item, "line", 0)
        err.locate(source.filename, line, source.source_line(line))
    return err
