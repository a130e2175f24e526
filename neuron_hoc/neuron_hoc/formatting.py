"""C `printf` formats as HOC's printf/sprint/fprint apply them, via Python's `%`.

A format is parsed once into a Python format string plus one converter per argument:
`%d %i %u` truncate a number like a C cast (Python's `%d` does this for floats), `%c %o %x
%X` need an int, `%s` needs a string.  Length modifiers (`l`, `h`, `L`) are dropped.
"""
from __future__ import annotations

import re
from typing import Callable, Dict, List, Optional, Tuple

from .errors import HocError

_SPEC = re.compile(r"%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?(hh|h|ll|l|L|q|j|z|t)?([diouxXeEfFgGcs%])")
_INT_CONV = frozenset("coxX")

Converter = Optional[Callable[[object], object]]


def _to_int(v):
    try:
        return int(v)
    except (TypeError, ValueError, OverflowError):
        raise HocError("printf: a number is needed for an integer format") from None


def _to_str(v):
    """%s takes a string or an object (printed by name); a number is an error."""
    if isinstance(v, str):
        return v
    if v is None:
        return "NULLobject"
    if isinstance(v, (int, float)):
        raise HocError("Expecting string argument")
    name = getattr(v, "hname", None)
    return str(name()) if callable(name) else str(v)


def _to_num(v):
    if isinstance(v, str) or v is None:
        raise HocError("printf: a number is needed for a numeric format")
    return v


class Format:
    __slots__ = ("pyfmt", "convs", "simple")

    def __init__(self, pyfmt: str, convs: List[Converter], simple: bool):
        self.pyfmt = pyfmt
        self.convs = convs      # one per consumed argument (None: pass the value as is)
        self.simple = simple    # no `*` widths: usable as `pyfmt % args` with conversions


_cache: Dict[str, Format] = {}


def parse(fmt: str) -> Format:
    f = _cache.get(fmt)
    if f is not None:
        return f
    out: List[str] = []
    convs: List[Converter] = []
    pos = 0
    simple = True
    for m in _SPEC.finditer(fmt):
        out.append(fmt[pos:m.start()].replace("%", "%%"))
        pos = m.end()
        flags, width, prec, _mod, conv = m.groups()
        if conv == "%":
            out.append("%%")
            continue
        if width == "*":
            convs.append(_to_int)
            simple = False
        if prec == "*":
            convs.append(_to_int)
            simple = False
        if conv == "u":
            conv = "d"
        spec = "%" + (flags or "") + (width or "") + ("." + prec if prec is not None else "") + conv
        out.append(spec)
        if conv in _INT_CONV:
            convs.append(_to_int)
        elif conv == "s":
            convs.append(_to_str)
        else:
            convs.append(_to_num)
    out.append(fmt[pos:].replace("%", "%%"))
    f = Format("".join(out), convs, simple)
    _cache[fmt] = f
    return f


def hoc_format(fmt: str, args: Tuple, who: str = "printf") -> str:
    f = parse(fmt)
    n = len(f.convs)
    if len(args) < n:
        raise HocError("%s not enough arguments" % who)
    values = tuple(c(a) for c, a in zip(f.convs, args))
    try:
        return f.pyfmt % values
    except (TypeError, ValueError, OverflowError) as e:
        raise HocError("%s: %s" % (who, e)) from None


def inline_format(fmt: str, nargs: int) -> Optional[Tuple[str, List[str]]]:
    """For a literal format: the Python format and, per argument, the name of a conversion
    the compiled code must apply ("" for none); None when the format needs the run-time path."""
    f = parse(fmt)
    if not f.simple or len(f.convs) != nargs:
        return None
    names = []
    for c in f.convs:
        names.append("int" if c is _to_int else "_fstr" if c is _to_str else "")
    return f.pyfmt, names
