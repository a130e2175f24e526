"""Errors of the NMODL compiler.

User errors (bad input) carry a source location and print like a C compiler's diagnostics:
``file:line:column: message`` followed by the source line and a caret.  Internal compiler
errors are a separate type so a bug in the compiler is never mistaken for a mistake in the
user's file.
"""
from __future__ import annotations

from typing import Optional

from .source import Loc


class NmodlError(Exception):
    """A mistake in the user's .mod file (or a construct we do not support)."""

    def __init__(self, message: str, loc: Optional[Loc] = None):
        super().__init__(message)
        self.message = message
        self.loc = loc

    def format(self) -> str:
        if self.loc is None:
            return "error: " + self.message
        return self.loc.diagnostic("error: " + self.message)

    def __str__(self) -> str:
        return self.format()


class UnsupportedError(NmodlError):
    """A valid NMODL construct this compiler does not implement (named, never ignored)."""

    def __init__(self, construct: str, loc: Optional[Loc] = None, detail: str = ""):
        msg = "unsupported construct: %s" % construct
        if detail:
            msg += " (%s)" % detail
        super().__init__(msg, loc)
        self.construct = construct


class BuildError(Exception):
    """The C++ compiler or linker failed; the message names .mod lines where known."""


class InternalCompilerError(Exception):
    """A bug in neuron_nmodl itself."""

    def __init__(self, message: str, loc: Optional[Loc] = None):
        where = (" at %s" % loc) if loc is not None else ""
        super().__init__("internal compiler error%s: %s" % (where, message))
        self.loc = loc
