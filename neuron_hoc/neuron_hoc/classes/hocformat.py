"""C printf formatting of HOC arguments (File.printf; usable for printf/sprint/fprint).

HOC passes numbers as doubles: %d %o %x %X %c take the truncated integer, %e %f %g %E %G the
double, %s a string.  Flags, width and precision behave as in C.
"""
from __future__ import annotations

import re
from typing import Sequence

from neuron_core.errors import NeuronError

_SPEC = re.compile(r"%([-+ #0]*)(\d+|\*)?(?:\.(\d+|\*))?(hh|h|ll|l|L|q|j|z|t)?([diouxXeEfFgGcs%])")


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) or hasattr(x, "__float__") \
        and not isinstance(x, str)


def sprintf(fmt: str, args: Sequence) -> str:
    """fmt % args with C's rules for HOC values; missing or mistyped arguments raise."""
    out = []
    pos = 0
    k = 0

    def take(what: str):
        nonlocal k
        if k >= len(args):
            raise NeuronError("printf: not enough arguments for format %r" % fmt)
        a = args[k]
        k += 1
        return a

    for m in _SPEC.finditer(fmt):
        out.append(fmt[pos : m.start()])
        pos = m.end()
        flags, width, prec, _, conv = m.groups()
        if conv == "%":
            out.append("%")
            continue
        if width == "*":
            width = str(int(float(take("width"))))
        if prec == "*":
            prec = str(int(float(take("precision"))))
        spec = "%" + flags + (width or "") + ("." + prec if prec is not None else "")
        a = take(conv)
        if conv == "s":
            if _is_number(a) and not isinstance(a, str):
                raise NeuronError("printf: expecting string argument for %s")
            out.append((spec + "s") % str(a))
            continue
        if not _is_number(a):
            raise NeuronError("printf: expecting a number for %%%s" % conv)
        x = float(a)
        if conv in "di":
            out.append((spec + "d") % int(x))
        elif conv == "u":
            out.append((spec + "d") % (int(x) & 0xFFFFFFFF))
        elif conv in "oxX":
            out.append((spec + conv) % (int(x) & 0xFFFFFFFFFFFFFFFF if int(x) < 0 else int(x)))
        elif conv == "c":
            out.append((spec + "c") % chr(int(x) & 0xFF))
        else:
            out.append((spec + conv) % x)
    out.append(fmt[pos:])
    return "".join(out)
