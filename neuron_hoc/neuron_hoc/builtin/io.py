"""printf family, the legacy global files (ropen/wopen/fprint/fscan/getstr), sscanf, strcmp,
and the prompts xred/sred."""
from __future__ import annotations

import re
import sys

from ..errors import HocError
from ..formatting import _to_str as fmt_str
from ..formatting import hoc_format
from ..values import set_string, string_of
from . import define

_NUMBER = re.compile(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
_INT = re.compile(r"\s*[-+]?\d+")
_WORD = re.compile(r"\s*(\S+)")


def scan(text: str, fmt: str, targets) -> float:
    """C sscanf: returns the number of assignments (-1 if the input ends first)."""
    pos = 0
    count = 0
    k = 0
    i = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        if c.isspace():
            while pos < len(text) and text[pos].isspace():
                pos += 1
            i += 1
            continue
        if c != "%":
            if pos < len(text) and text[pos] == c:
                pos += 1
                i += 1
                continue
            break
        j = i + 1
        skip = j < n and fmt[j] == "*"
        if skip:
            j += 1
        while j < n and (fmt[j].isdigit() or fmt[j] in "lhL"):
            j += 1
        if j >= n:
            break
        conv = fmt[j]
        i = j + 1
        scanset = None
        if conv == "[":
            close = fmt.find("]", j + 2 if fmt.startswith("[^]", j) or fmt.startswith("[]", j)
                             else j + 1)
            if close < 0:
                raise HocError("sscanf: unterminated %[ in format")
            body = fmt[j + 1:close]
            negate = body.startswith("^")
            chars = body[1:] if negate else body
            scanset = re.compile("[%s%s]+" % ("^" if negate else "", re.escape(chars)))
            i = close + 1
        if conv == "%":
            if pos < len(text) and text[pos] == "%":
                pos += 1
                continue
            break
        if pos >= len(text) or (scanset is None and not text[pos:].strip()):
            return float(count) if count else -1.0
        if scanset is not None:
            m = scanset.match(text, pos)
            value = m.group() if m else None
        elif conv in "dui":
            m = _INT.match(text, pos)
            value = float(int(m.group())) if m else None
        elif conv in "feEgG":
            m = _NUMBER.match(text, pos)
            value = float(m.group()) if m else None
        elif conv == "s":
            m = _WORD.match(text, pos)
            value = m.group(1) if m else None
        elif conv == "c":
            m = None
            value = text[pos]
            pos += 1
        else:
            raise HocError("sscanf: unsupported conversion %%%s" % conv)
        if value is None:
            break
        if m is not None:
            pos = m.end()
        if skip:
            continue
        if k >= len(targets):
            raise HocError("sscanf: not enough arguments")
        t = targets[k]
        k += 1
        if isinstance(value, str):
            set_string(t, value)
        else:
            try:
                t[0] = value
            except TypeError:
                raise HocError("sscanf: argument %d must be a pointer (&var)" % (k + 2)) from None
        count += 1
    return float(count)


def strcmp(a, b) -> float:
    """C strcmp on UTF-8 bytes: the difference of the first differing bytes (found with
    big-integer XOR, which runs at C speed)."""
    if type(a) is not str or type(b) is not str:
        a, b = string_of(a), string_of(b)
    if a == b:
        return 0.0
    x = a.encode("utf-8")
    y = b.encode("utf-8")
    n = min(len(x), len(y))
    d = int.from_bytes(x[:n], "big") ^ int.from_bytes(y[:n], "big")
    if d:
        i = n - 1 - (d.bit_length() - 1) // 8
        return float(x[i] - y[i])
    return float(x[n]) if len(x) > n else -float(y[n])


class GlobalFiles:
    """`ropen`/`wopen`: HOC's one current input file and one current output file.  The
    input file is read whole; `fscan` and `getstr` advance one position in it (fscan leaves
    the rest of the line, as C's fscanf does)."""

    def __init__(self, interp):
        self.interp = interp
        self.text = None
        self.pos = 0
        self.wfile = None

    def ropen(self, name="") -> float:
        self.text = None
        self.pos = 0
        name = string_of(name) if name != "" else ""
        if not name:
            return 1.0
        try:
            with open(name, "r") as f:
                self.text = f.read()
        except OSError:
            return 0.0
        return 1.0

    def wopen(self, name="") -> float:
        if self.wfile is not None:
            self.wfile.close()
            self.wfile = None
        name = string_of(name) if name != "" else ""
        if not name:
            return 1.0
        try:
            self.wfile = open(name, "w")
        except OSError:
            return 0.0
        return 1.0

    def fprint(self, fmt, *args) -> float:
        text = hoc_format(string_of(fmt), args, "fprint")
        if self.wfile is not None:
            self.wfile.write(text)
        else:
            self.interp.write(text)
        return float(len(text))

    def _input(self) -> str:
        if self.text is None:
            self.text = sys.stdin.read() if sys.stdin else ""
            self.pos = 0
        return self.text

    def fscan(self) -> float:
        """The next number, skipping words that are not numbers."""
        text = self._input()
        while True:
            m = _NUMBER.match(text, self.pos)
            after = text[m.end()] if m and m.end() < len(text) else " "
            if m and not (after.isalnum() or after == "."):
                self.pos = m.end()
                return float(m.group())
            w = _WORD.match(text, self.pos)
            if w is None:
                raise HocError("EOF in fscan")
            self.pos = w.end()

    def getstr(self, target) -> float:
        text = self._input()
        if self.pos >= len(text):
            raise HocError("EOF in getstr")
        j = text.find("\n", self.pos)
        j = len(text) if j < 0 else j + 1
        set_string(target, text[self.pos:j])
        n = j - self.pos
        self.pos = j
        return float(n)


def install(interp) -> None:
    files = GlobalFiles(interp)
    interp.global_files = files

    def printf(fmt, *args) -> float:
        text = hoc_format(string_of(fmt), args, "printf")
        interp.write(text)
        return float(len(text))

    def sprint(target, fmt, *args) -> float:
        set_string(target, hoc_format(string_of(fmt), args, "sprint"))
        return 1.0

    def sscanf(text, fmt, *targets) -> float:
        return scan(string_of(text), string_of(fmt), targets)

    def xred(prompt, default, lo=None, hi=None) -> float:
        line = _prompt(interp, "%s (%g)" % (string_of(prompt), default))
        if not line:
            return float(default)
        try:
            v = float(line)
        except ValueError:
            return float(default)
        if lo is not None and hi is not None and not lo <= v <= hi:
            return float(default)
        return v

    def sred(prompt, default, target) -> float:
        line = _prompt(interp, "%s (%s)" % (string_of(prompt), string_of(default)))
        set_string(target, line or string_of(default))
        return 1.0

    def hoc_stdout(name="") -> float:
        old = interp.out
        if old is not None and old is not sys.stdout:
            old.close()
        interp.out = open(string_of(name), "w") if name else None
        return 1.0

    def printf_text(text: str) -> float:
        interp.write(text)
        return float(len(text))

    def read(ptr) -> float:
        """read(x): the next number of standard input into x; 0 at end of input."""
        text = sys.stdin.readline() if sys.stdin else ""
        m = _NUMBER.match(text)
        if not m:
            return 0.0
        ptr[0] = float(m.group())
        return 1.0

    interp.G["_printf_text"] = printf_text
    define(interp, "read", read, "intrinsic")
    interp.G["_fstr"] = string_of
    interp.G["_fmts"] = fmt_str
    define(interp, "printf", printf, "intrinsic")
    define(interp, "sprint", sprint, "intrinsic")
    define(interp, "fprint", files.fprint)
    define(interp, "ropen", files.ropen)
    define(interp, "wopen", files.wopen)
    define(interp, "fscan", files.fscan)
    define(interp, "getstr", files.getstr)
    define(interp, "sscanf", sscanf)
    define(interp, "strcmp", strcmp, "intrinsic")
    interp.G["_strcmp"] = strcmp
    define(interp, "xred", xred)
    define(interp, "sred", sred)
    define(interp, "hoc_stdout", hoc_stdout)


def _prompt(interp, text: str) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        return ""
    interp.write(text + " ")
    line = sys.stdin.readline()
    return line.strip()
