"""Source files and locations (1-based line and column)."""
from __future__ import annotations

import os
from dataclasses import dataclass


class SourceFile:
    """The text of one .mod (or INCLUDEd) file."""

    __slots__ = ("path", "text", "_lines")

    def __init__(self, path: str, text: str):
        self.path = path
        self.text = text
        self._lines = None

    @classmethod
    def read(cls, path: str) -> "SourceFile":
        with open(path, "r", encoding="utf-8", errors="replace") as f:
            return cls(path, f.read())

    @property
    def name(self) -> str:
        return os.path.basename(self.path)

    def line_text(self, line: int) -> str:
        if self._lines is None:
            self._lines = self.text.splitlines()
        if 1 <= line <= len(self._lines):
            return self._lines[line - 1]
        return ""


@dataclass(frozen=True)
class Loc:
    """A position in a source file."""

    file: SourceFile
    line: int
    col: int

    def __str__(self) -> str:
        return "%s:%d:%d" % (self.file.path, self.line, self.col)

    def diagnostic(self, message: str) -> str:
        text = self.file.line_text(self.line).replace("\t", " ")
        caret = " " * max(self.col - 1, 0) + "^"
        return "%s: %s\n%s\n%s" % (self, message, text, caret)
