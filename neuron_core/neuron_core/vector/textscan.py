"""Reading numbers from text files the way HOC does (shared by Vector.scanf and File).

HOC's scanner reads whitespace-separated words, skips words that start with i, n, I or N
(so "inf"/"nan" labels are skipped), takes the longest numeric prefix of the first word
that has one (as C's "%lf" does), then skips the whitespace after it.  The file position
afterwards is exactly where C's stdio would leave it, so mixing with other File reads works.
"""
from __future__ import annotations

import re
from typing import BinaryIO, Optional

from ..errors import NeuronError

_SPACE = b" \t\n\v\f\r"
_WORD_MAX = 255
_NUMBER = re.compile(
    rb"[+-]?(?:0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?[0-9]+)?"
    rb"|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf(?:inity)?|nan)",
    re.IGNORECASE,
)


def _peek(f: BinaryIO) -> bytes:
    peek = getattr(f, "peek", None)
    if peek is not None:
        return peek(1)
    pos = f.tell()
    data = f.read(1)
    f.seek(pos)
    return data


def skip_space(f: BinaryIO) -> None:
    """Advance past whitespace."""
    while True:
        buf = _peek(f)
        if not buf:
            return
        k = 0
        while k < len(buf) and buf[k] in _SPACE:
            k += 1
        f.read(k)
        if k < len(buf):
            return


def read_word(f: BinaryIO) -> Optional[bytes]:
    """The next whitespace-delimited word (at most 255 bytes), or None at end of file."""
    skip_space(f)
    out = b""
    while len(out) < _WORD_MAX:
        buf = _peek(f)
        if not buf:
            break
        k = 0
        room = _WORD_MAX - len(out)
        while k < len(buf) and k < room and buf[k] not in _SPACE:
            k += 1
        out += f.read(k)
        if k < len(buf):
            break
    return out if out else None


def parse_prefix(word: bytes) -> Optional[float]:
    """The number at the start of `word` (C strtod rules), or None."""
    m = _NUMBER.match(word)
    if m is None:
        return None
    text = m.group(0)
    if text[:3].lower() in (b"0x", b"+0x", b"-0x") or b"x" in text[:3].lower():
        return float.fromhex(text.decode())
    return float(text)


def scan_number(f: BinaryIO) -> float:
    """HOC's hoc_scan: the next number in the file; raises at end of file."""
    while True:
        word = read_word(f)
        if word is None:
            raise NeuronError("EOF in fscan")
        if word[:1] in (b"i", b"n", b"I", b"N"):
            continue
        value = parse_prefix(word)
        if value is not None:
            skip_space(f)
            return value


def at_eof(f: BinaryIO) -> bool:
    """True when no byte is left to read (File.eof)."""
    return not _peek(f)
