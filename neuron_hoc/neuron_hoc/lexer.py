"""HOC tokens.  Newlines are tokens because HOC statements end at a newline (`;` is not a
statement separator); a backslash before a newline joins lines."""
from __future__ import annotations

from typing import Iterator, List, Optional

from .errors import HocSyntaxError
from .nodes import node

# Two-character operators first, so that `<=` is not read as `<` then `=`.
_OPS2 = ("+=", "-=", "*=", "/=", "==", "!=", "<=", ">=", "&&", "||")
_OPS1 = "+-*/%^=<>!()[]{},.&:;~"
_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "f": "\f", "r": "\r", "\\": "\\", '"': '"',
            "'": "'", "a": "\a", "v": "\v", "0": "\0"}


@node
class Token:
    kind: str        # NUM STR NAME ARG OP NL EOF
    value: object    # float, str, operator text, or (argkind, index) for ARG
    line: int        # 1-based
    col: int         # 0-based offset in the line
    end: int = 0     # column just past the token

    def is_op(self, text: str) -> bool:
        return self.kind == "OP" and self.value == text


class Lexer:
    """Produces tokens on demand, so that a lexical error late in a file does not stop the
    statements before it from running (HOC executes each statement as soon as it is read)."""

    def __init__(self, text: str, filename: str = "", first_line: int = 1):
        self.text = text
        self.filename = filename
        self.pos = 0
        self.line = first_line
        self.line_start = 0
        self._first_line = first_line
        self._lines: Optional[List[str]] = None

    def source_line(self, line: int) -> str:
        if self._lines is None:
            self._lines = self.text.split("\n")
        i = line - self._first_line
        if 0 <= i < len(self._lines):
            return self._lines[i].rstrip("\r")
        return ""

    def error(self, msg: str, col: Optional[int] = None) -> HocSyntaxError:
        c = self.pos - self.line_start if col is None else col
        return HocSyntaxError(msg, self.filename, self.line, self.source_line(self.line), c)

    def skip_to_eol(self) -> None:
        """Discard the raw text up to the end of the line (the `help` statement)."""
        j = self.text.find("\n", self.pos)
        self.pos = len(self.text) if j < 0 else j

    def tokens(self) -> Iterator[Token]:
        text = self.text
        n = len(text)
        while True:
            # skip blanks, comments and line continuations
            while self.pos < n:
                c = text[self.pos]
                if c in " \t\r\f\v":
                    self.pos += 1
                elif c == "\\" and text.startswith("\n", self.pos + 1):
                    self.pos += 2
                    self.line += 1
                    self.line_start = self.pos
                elif c == "\\" and text.startswith("\r\n", self.pos + 1):
                    self.pos += 3
                    self.line += 1
                    self.line_start = self.pos
                elif c == "/" and text.startswith("//", self.pos):
                    j = text.find("\n", self.pos)
                    self.pos = n if j < 0 else j
                elif c == "/" and text.startswith("/*", self.pos):
                    j = text.find("*/", self.pos + 2)
                    if j < 0:
                        raise self.error("unterminated comment")
                    chunk = text[self.pos:j]
                    nl = chunk.count("\n")
                    if nl:
                        self.line += nl
                        self.line_start = self.pos + chunk.rfind("\n") + 1
                    self.pos = j + 2
                else:
                    break
            if self.pos >= n:
                yield Token("EOF", None, self.line, self.pos - self.line_start,
                            self.pos - self.line_start)
                return
            start = self.pos
            col = start - self.line_start
            c = text[start]
            if c == "\n":
                self.pos += 1
                tok = Token("NL", None, self.line, col, col + 1)
                self.line += 1
                self.line_start = self.pos
                yield tok
                continue
            if c.isdigit() or (c == "." and start + 1 < n and text[start + 1].isdigit()):
                yield self._number(start, col)
                continue
            if c.isalpha() or c == "_":
                j = start + 1
                while j < n and (text[j].isalnum() or text[j] == "_"):
                    j += 1
                self.pos = j
                yield Token("NAME", text[start:j], self.line, col, j - self.line_start)
                continue
            if c == '"':
                yield self._string(start, col)
                continue
            if c == "$":
                yield self._arg(start, col)
                continue
            two = text[start:start + 2]
            if two in _OPS2:
                self.pos += 2
                yield Token("OP", two, self.line, col, col + 2)
                continue
            if c in _OPS1:
                self.pos += 1
                yield Token("OP", c, self.line, col, col + 1)
                continue
            self.pos += 1
            raise self.error("syntax error", col)

    def _number(self, start: int, col: int) -> Token:
        text, n = self.text, len(self.text)
        j = start
        while j < n and text[j].isdigit():
            j += 1
        if j < n and text[j] == ".":
            j += 1
            while j < n and text[j].isdigit():
                j += 1
        if j < n and text[j] in "eE":
            k = j + 1
            if k < n and text[k] in "+-":
                k += 1
            if k < n and text[k].isdigit():
                while k < n and text[k].isdigit():
                    k += 1
                j = k
        self.pos = j
        return Token("NUM", float(text[start:j]), self.line, col, j - self.line_start)

    def _string(self, start: int, col: int) -> Token:
        text, n = self.text, len(self.text)
        out = []
        j = start + 1
        while True:
            if j >= n or text[j] == "\n":
                self.pos = j
                raise self.error("missing quote", col)
            c = text[j]
            if c == '"':
                j += 1
                break
            if c == "\\" and j + 1 < n:
                e = text[j + 1]
                if e == "\n":            # escaped newline continues the string
                    self.line += 1
                    self.line_start = j + 2
                    j += 2
                    continue
                out.append(_ESCAPES.get(e, e))
                j += 2
                continue
            out.append(c)
            j += 1
        self.pos = j
        return Token("STR", "".join(out), self.line, col, j - self.line_start)

    def _arg(self, start: int, col: int) -> Token:
        """`$1 $s1 $o1 $&1` and the forms `$i $si $oi $&i` indexed by the local `i`."""
        text, n = self.text, len(self.text)
        j = start + 1
        kind = ""
        if j < n and text[j] in "so&":
            kind = text[j]
            j += 1
        k = j
        while k < n and text[k].isdigit():
            k += 1
        if k > j:
            index = int(text[j:k])
        elif k < n and text[k] == "i" and not (k + 1 < n and (text[k + 1].isalnum()
                                                               or text[k + 1] == "_")):
            index = 0
            k += 1
        else:
            self.pos = k
            raise self.error("syntax error", col)
        self.pos = k
        return Token("ARG", (kind, index), self.line, col, k - self.line_start)
