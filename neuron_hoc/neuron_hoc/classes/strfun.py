"""NEURON's StringFunctions: string utilities on strdefs plus a few object queries."""
from __future__ import annotations

import re
import sys

from neuron_core.errors import NeuronError
from neuron_core.vector.args import chk, nargs

from . import aliases
from .hooks import is_symbol, reference_names, template_class
from .identity import HocIdentity
from .strings import set_string, text_of

_WHITESPACE = " \r\n\t\f\v"


def _first_line(text: str) -> str:
    return text.split("\n", 1)[0]


def _search(pattern: str, text: str):
    """Extended-regex search of the first line of text (None when no match or bad pattern)."""
    try:
        return re.search(pattern, _first_line(text))
    except re.error as e:
        sys.stderr.write("%s\n" % e)
        return None


def _point_type(obj) -> int:
    """NEURON's point type of a point process / artificial cell object (0 otherwise)."""
    mt = getattr(type(obj), "_mt", None)
    if mt is None or not getattr(mt, "is_point", False):
        return 0
    from neuron_core.mechanisms import registry

    points = [m for m in registry.order if m.is_point]
    return points.index(mt) + 1 if mt in points else 0


class StringFunctions(HocIdentity):
    """substr, len, head, tail, ltrim, rtrim, left, right, is_name, alias, alias_list,
    references, is_point_process, is_artificial."""

    hoc_name = "StringFunctions"
    __slots__ = ("_id", "__weakref__")

    def __init__(self) -> None:
        self._id = self._number()

    def substr(self, s1, s2) -> int:
        """Index of the first occurrence of s2 in s1, or -1."""
        return text_of(s1).find(text_of(s2))

    def len(self, s) -> int:
        return len(text_of(s))

    def head(self, s, regex, out) -> int:
        """out = the part of the first line before the match; returns the match position."""
        m = _search(text_of(regex), text_of(s))
        set_string(out, m.string[: m.start()] if m else "")
        return m.start() if m else -1

    def tail(self, s, regex, out) -> int:
        """out = the part of the first line after the match; returns the index after it."""
        m = _search(text_of(regex), text_of(s))
        set_string(out, m.string[m.end():] if m else "")
        return m.end() if m else -1

    def ltrim(self, s, out, *args) -> float:
        nargs(args, 0, 1, "StringFunctions.ltrim")
        set_string(out, text_of(s).lstrip(text_of(args[0]) if args else _WHITESPACE))
        return 0.0

    def rtrim(self, s, out, *args) -> float:
        nargs(args, 0, 1, "StringFunctions.rtrim")
        set_string(out, text_of(s).rstrip(text_of(args[0]) if args else _WHITESPACE))
        return 0.0

    def left(self, s, n) -> float:
        """Keep the first n characters of the string variable."""
        text = text_of(s)
        set_string(s, text[: int(chk(n, 0, len(text), "StringFunctions.left"))])
        return 1.0

    def right(self, s, n) -> float:
        """Drop the first n characters of the string variable."""
        text = text_of(s)
        set_string(s, text[int(chk(n, 0, len(text), "StringFunctions.right")):])
        return 1.0

    def is_name(self, name) -> bool:
        return is_symbol(text_of(name))

    # ------------------------------------------------------------------ objects

    def alias(self, obj, *args) -> float:
        """alias(obj, "name", pointer | object) adds obj.name; alias(obj, "name") removes it;
        alias(obj) removes all."""
        nargs(args, 0, 2, "StringFunctions.alias")
        if not args:
            t = aliases.table(obj)
            if t:
                t.clear()
            return 0.0
        name = text_of(args[0])
        t = aliases.table(obj, create=len(args) > 1)
        if t is not None:
            t.pop(name, None)
            if len(args) > 1:
                t[name] = args[1]
        return 0.0

    def alias_list(self, obj):
        """A List of String objects holding the alias names (needs the HOC String template)."""
        from .hoclist import List

        string_cls = template_class("String")
        if string_cls is None:
            raise NeuronError("StringFunctions.alias_list: String is not a HOC template")
        out = List()
        for name in list(aliases.table(obj) or {}):
            out.append(string_cls(name))
        return out

    def references(self, obj) -> int:
        """Print the names referring to obj (HOC variables and List items); returns the count."""
        from .hoclist import all_lists

        names = reference_names(obj) if obj is not None else []
        if obj is not None:
            for lst in all_lists():
                if lst._template is None:
                    names += ["%s.object(%d)" % (lst.hname(), k)
                              for k, item in enumerate(lst._items) if item is obj]
        label = obj.hname() if hasattr(obj, "hname") else repr(obj)
        lines = ["%s has %d references\n" % (label, len(names))]
        if names:
            lines += ["   %s\n" % n for n in names]
            lines.append("  found %d of them\n" % len(names))
        sys.stdout.write("".join(lines))
        return len(names)

    def is_point_process(self, obj) -> int:
        return _point_type(obj)

    def is_artificial(self, obj) -> int:
        t = _point_type(obj)
        return t if t and type(obj)._mt.artificial else 0
