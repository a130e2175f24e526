"""Errors of the HOC interpreter.

A HOC error is a Python exception (a `RuntimeError` subclass shared with the engine) whose
message reads like NEURON's: the message, then `in FILE near line N`, the source line and a
caret.  Control flow that must unwind HOC frames (`stop`, `quit()`) uses separate exceptions
that are not errors.
"""
from __future__ import annotations

from typing import Optional

try:  # the engine defines the common base; the language works without the engine too
    from neuron_core.errors import HocError as _Base
except ImportError:  # pragma: no cover - only without neuron_core installed
    class _Base(RuntimeError):
        pass


class HocError(_Base):
    """An error raised while parsing or executing HOC code."""

    def __init__(self, msg: str, filename: Optional[str] = None, lineno: Optional[int] = None,
                 source_line: Optional[str] = None, col: Optional[int] = None):
        self.msg = msg
        self.filename = filename
        self.lineno = lineno
        self.source_line = source_line
        self.col = col
        super().__init__(self._text())

    @property
    def located(self) -> bool:
        return self.lineno is not None

    def locate(self, filename: Optional[str], lineno: int, source_line: str,
               col: Optional[int] = None) -> "HocError":
        self.filename, self.lineno, self.source_line, self.col = filename, lineno, source_line, col
        self.args = (self._text(),)
        return self

    def _text(self) -> str:
        if self.lineno is None:
            return self.msg
        where = " in %s near line %d" % (self.filename, self.lineno) if self.filename \
            else " near line %d" % self.lineno
        lines = [self.msg, where, " " + (self.source_line or "")]
        if self.col is not None:
            lines.append(" " + " " * self.col + "^")
        return "\n".join(lines)


class HocSyntaxError(HocError):
    """The text is not HOC (reported before any of the statement runs)."""

    def __init__(self, msg: str, filename: Optional[str] = None, lineno: Optional[int] = None,
                 source_line: Optional[str] = None, col: Optional[int] = None,
                 incomplete: bool = False):
        self.incomplete = incomplete    # input ended inside a statement (prompt asks for more)
        super().__init__(msg, filename, lineno, source_line, col)


class HocStop(Exception):
    """The `stop` statement: abandon the current top-level statement quietly."""


class HocQuit(BaseException):
    """`quit()`: end the interpreter (never the Python process that embeds it)."""

    def __init__(self, status: int = 0):
        super().__init__(status)
        self.status = status
