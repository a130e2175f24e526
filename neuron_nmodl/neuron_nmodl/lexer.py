"""NMODL lexer: source text -> tokens.

NMODL is free-form (newlines are not significant) except for a few constructs that take raw
text: ``:`` and ``?`` comments run to the end of the line, ``TITLE`` takes the rest of its
line, ``COMMENT ... ENDCOMMENT`` and ``VERBATIM ... ENDVERBATIM`` delimit raw blocks, and
``REPRESENTS`` takes one ontology word.  Units in parentheses are recovered by the parser
from the source between matching parentheses, so characters that are no NMODL operator
become ``OTHER`` tokens instead of errors.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List

from .errors import NmodlError
from .source import Loc, SourceFile

NAME, NUMBER, STRING, OP, VERBATIM, TITLE, OTHER, EOF = (
    "NAME", "NUMBER", "STRING", "OP", "VERBATIM", "TITLE", "OTHER", "EOF")

# longest first
_OPERATORS = ("<->", "<<", "<=", ">=", "==", "!=", "&&", "||",
              "+", "-", "*", "/", "^", "%", "(", ")", "{", "}", "[", "]", ",", "=", "<", ">",
              "!", "~", "'", "@")


@dataclass(slots=True)
class Token:
    kind: str
    text: str
    loc: Loc
    start: int  # offset of the first character in the file
    end: int    # offset after the last character
    is_int: bool = False

    def is_op(self, text: str) -> bool:
        return self.kind == OP and self.text == text

    def is_name(self, text: str) -> bool:
        return self.kind == NAME and self.text == text

    def describe(self) -> str:
        if self.kind == EOF:
            return "end of file"
        if self.kind == VERBATIM:
            return "VERBATIM block"
        return "'%s'" % self.text


class Lexer:
    """Turns one source file into a list of tokens."""

    def __init__(self, src: SourceFile):
        self.src = src
        self.text = src.text
        self.pos = 0
        self.line = 1
        self.line_start = 0

    def loc_at(self, pos: int) -> Loc:
        # positions are only ever asked for at or after the current line start
        return Loc(self.src, self.line, pos - self.line_start + 1)

    def _advance_to(self, pos: int) -> None:
        """Move to `pos`, counting newlines on the way."""
        text = self.text
        i = text.find("\n", self.pos, pos)
        while i != -1:
            self.line += 1
            self.line_start = i + 1
            i = text.find("\n", i + 1, pos)
        self.pos = pos

    def tokens(self) -> List[Token]:
        out: List[Token] = []
        text, n = self.text, len(self.text)
        while True:
            self._skip_space_and_comments()
            if self.pos >= n:
                out.append(Token(EOF, "", self.loc_at(self.pos), self.pos, self.pos))
                return out
            start = self.pos
            loc = self.loc_at(start)
            c = text[start]
            if c.isalpha() or c == "_":
                j = start + 1
                while j < n and (text[j].isalnum() or text[j] == "_"):
                    j += 1
                word = text[start:j]
                self._advance_to(j)
                if word == "COMMENT":
                    self._skip_block("ENDCOMMENT")
                    continue
                if word == "VERBATIM":
                    body_start = self.pos
                    body_end = self._skip_block("ENDVERBATIM", required=True, loc=loc)
                    out.append(Token(VERBATIM, text[body_start:body_end], loc, start, self.pos))
                    continue
                if word == "TITLE":
                    e = text.find("\n", self.pos)
                    e = n if e == -1 else e
                    out.append(Token(TITLE, text[self.pos:e].strip(), loc, start, e))
                    self._advance_to(e)
                    continue
                out.append(Token(NAME, word, loc, start, j))
                if word == "REPRESENTS":
                    out.append(self._raw_word())
                continue
            if c.isdigit() or (c == "." and start + 1 < n and text[start + 1].isdigit()):
                out.append(self._number(start, loc))
                continue
            if c == '"':
                e = text.find('"', start + 1)
                if e == -1:
                    raise NmodlError("unterminated string", loc)
                out.append(Token(STRING, text[start + 1:e], loc, start, e + 1))
                self._advance_to(e + 1)
                continue
            for op in _OPERATORS:
                if text.startswith(op, start):
                    out.append(Token(OP, op, loc, start, start + len(op)))
                    self._advance_to(start + len(op))
                    break
            else:
                out.append(Token(OTHER, c, loc, start, start + 1))
                self._advance_to(start + 1)

    def _skip_space_and_comments(self) -> None:
        text, n = self.text, len(self.text)
        while self.pos < n:
            c = text[self.pos]
            if c in " \t\r\f\v\n":
                if c == "\n":
                    self.line += 1
                    self.line_start = self.pos + 1
                self.pos += 1
            elif c == ":" or c == "?":
                e = text.find("\n", self.pos)
                self._advance_to(n if e == -1 else e)
            elif c == "/" and text.startswith("//", self.pos):
                # C++-style comments are not NMODL, but nocmodl-era files never use '//'
                # as an operator sequence, so treat them as comments like the modern parser.
                e = text.find("\n", self.pos)
                self._advance_to(n if e == -1 else e)
            else:
                return

    def _skip_block(self, end_word: str, required: bool = False, loc: Loc = None) -> int:
        """Skip to just after `end_word`; returns the offset where `end_word` begins."""
        text = self.text
        i = self.pos
        while True:
            i = text.find(end_word, i)
            if i == -1:
                if required:
                    raise NmodlError("missing %s" % end_word, loc)
                self._advance_to(len(text))
                return len(text)
            before = text[i - 1] if i > 0 else " "
            after_i = i + len(end_word)
            after = text[after_i] if after_i < len(text) else " "
            if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
                self._advance_to(after_i)
                return i
            i = after_i

    def _number(self, start: int, loc: Loc) -> Token:
        text, n = self.text, len(self.text)
        j = start
        while j < n and text[j].isdigit():
            j += 1
        is_int = True
        if j < n and text[j] == ".":
            is_int = False
            j += 1
            while j < n and text[j].isdigit():
                j += 1
        if j < n and text[j] in "eE":
            k = j + 1
            if k < n and text[k] in "+-":
                k += 1
            if k < n and text[k].isdigit():
                is_int = False
                j = k
                while j < n and text[j].isdigit():
                    j += 1
        self._advance_to(j)
        return Token(NUMBER, text[start:j], loc, start, j, is_int)

    def _raw_word(self) -> Token:
        """The ontology identifier after REPRESENTS (may contain ':')."""
        text, n = self.text, len(self.text)
        while self.pos < n and text[self.pos] in " \t":
            self.pos += 1
        start = self.pos
        loc = self.loc_at(start)
        j = start
        while j < n and not text[j].isspace() and text[j] != "}":
            j += 1
        self._advance_to(j)
        return Token(STRING, text[start:j], loc, start, j)


def tokenize(src: SourceFile) -> List[Token]:
    return Lexer(src).tokens()
