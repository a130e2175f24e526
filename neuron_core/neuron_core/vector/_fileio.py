"""Vector file input and output: binary fwrite/fread and vwrite/vread, text printf/scanf.

File arguments are HOC `File` objects; any object whose `_binary_file()` returns the open
binary stream works.  Binary layouts are NEURON's (native byte order, C int header).
"""
from __future__ import annotations

import re
import struct
import sys

import numpy as np

from ..errors import NeuronError
from .args import chk, is_number, nargs, num
from .filearg import stream
from .textscan import at_eof, scan_number

# element types of vwrite/fread: 1 char, 2 unsigned short (vwrite) or short, 3 float,
# 4 double, 5 int (vwrite) or short (fread)
_ONE_BYTE_HIGH = 255.0
_ONE_BYTE_HALF = 128.0
_TWO_BYTE_HIGH = 65535.0


_CONVERSION = re.compile(r"%[-+ #0]*(\d+)?(\.\d+)?(l|L)?([a-zA-Z%])")


def cformat(fmt: str, x: float) -> str:
    """C printf of one number; the format holds exactly one of %f %e %g %E %G (or none)."""
    parts = []
    pos = 0
    used = False
    for m in _CONVERSION.finditer(fmt):
        parts.append(fmt[pos : m.start()])
        pos = m.end()
        conv = m.group(4)
        if conv == "%":
            parts.append("%")
            continue
        if conv not in "eEfFgG":
            raise NeuronError("printf: invalid format specifier %r" % m.group(0))
        if used:
            raise NeuronError("printf: argument not found for %r" % m.group(0))
        used = True
        spec = m.group(0)
        if m.group(3):
            spec = spec[: -2] + conv
        parts.append(spec % x)
    parts.append(fmt[pos:])
    return "".join(parts)


def _minmax(v: np.ndarray):
    if len(v) == 0:
        return 0.0, 0.0
    return float(v.min()), float(v.max())


class FileIOMixin:
    __slots__ = ()

    # ------------------------------------------------------------------ raw binary

    def fwrite(self, fileobj, *args) -> int:
        """Write the elements (or start..end) as native doubles; returns the count."""
        nargs(args, 0, 2, "Vector.fwrite")
        f = stream(fileobj, "Vector.fwrite")
        top = self._s.size - 1
        s, e = 0, top
        if args:
            s = int(chk(args[0], 0, top, "Vector.fwrite"))
            e = int(chk(args[1], s, top, "Vector.fwrite"))
        data = self._arr[s : e + 1]
        f.write(data.astype("=f8").tobytes())
        return len(data)

    def fread(self, fileobj, *args) -> int:
        """Read size() values (after resizing to n if given) of the given type (default 4,
        doubles; 1 char, 2 unsigned short, 3 float, 5 short)."""
        nargs(args, 0, 2, "Vector.fread")
        f = stream(fileobj, "Vector.fread")
        if args:
            self._resize(int(chk(args[0], 0, 1e10, "Vector.fread")))
        kind = int(chk(args[1], 1, 5, "Vector.fread")) if len(args) > 1 else 4
        n = self._s.size
        dtype = {1: "=i1", 2: "=u2", 3: "=f4", 4: "=f8", 5: "=i2"}[kind]
        width = np.dtype(dtype).itemsize
        raw = f.read(n * width)
        got = len(raw) // width
        if got:
            self._arr[:got] = np.frombuffer(raw[: got * width], dtype=dtype)
        return 1

    # ------------------------------------------------------------------ self-describing binary

    def vwrite(self, fileobj, *args) -> int:
        """Write size, type and the data (types 1 and 2 are scaled to 8 and 16 bits)."""
        nargs(args, 0, 1, "Vector.vwrite")
        f = stream(fileobj, "Vector.vwrite")
        kind = int(chk(args[0], 1, 5, "Vector.vwrite")) if args else 4
        v = self._view()
        n = len(v)
        f.write(struct.pack("=ii", n, kind))
        if kind == 5:
            f.write(np.trunc(v).astype("=i4").tobytes())
        elif kind == 4:
            f.write(v.astype("=f8").tobytes())
        elif kind == 3:
            f.write(v.astype("=f4").tobytes())
        else:
            lo, hi = _minmax(v)
            r = hi - lo
            high = _TWO_BYTE_HIGH if kind == 2 else _ONE_BYTE_HIGH
            sf = high / r if r > 0 else 1.0
            f.write(struct.pack("=dd", sf, lo))
            if kind == 2:
                f.write(np.trunc((v - lo) * sf).astype(np.int64).astype("=u2").tobytes())
            else:
                f.write(np.trunc((v - lo) * sf - _ONE_BYTE_HALF).astype(np.int64).astype("=i1").tobytes())
        return 1

    def vread(self, fileobj) -> int:
        """Read what vwrite wrote (either byte order); resizes the Vector."""
        f = stream(fileobj, "Vector.vread")
        head = f.read(8)
        if len(head) < 8:
            raise NeuronError("Vector.vread: end of file")
        order = "="
        n, kind = struct.unpack("=ii", head)
        if not 1 <= kind <= 5:
            order = ">" if sys.byteorder == "little" else "<"
            n, kind = struct.unpack(order + "ii", head)
            if not 1 <= kind <= 5:
                return 0
        if kind in (1, 2):
            sf, lo = struct.unpack(order + "dd", f.read(16))
        dtype = order + {1: "i1", 2: "u2", 3: "f4", 4: "f8", 5: "i4"}[kind]
        width = np.dtype(dtype).itemsize
        raw = np.frombuffer(f.read(n * width), dtype=dtype)
        if kind == 2:
            values = raw / sf + lo
        elif kind == 1:
            values = (raw + _ONE_BYTE_HALF) / sf + lo
        else:
            values = raw.astype(float)
        out = np.zeros(n)
        out[: len(values)] = values
        self._set_data(out)
        return 1

    # ------------------------------------------------------------------ text

    def printf(self, *args) -> int:
        """printf([file,] [format,] [start, end]); default format "%g\\t" with a newline
        every 5 values on the screen, "%g\\n" to a File."""
        f = None
        k = 0
        if k < len(args) and not isinstance(args[k], str) and not is_number(args[k]):
            f = stream(args[k], "Vector.printf")
            k += 1
        fmt = "%g\n" if f is not None else "%g\t"
        extra_newline = f is None
        if k < len(args) and isinstance(args[k], str):
            fmt = args[k]
            k += 1
            extra_newline = False
        rest = args[k:]
        nargs(rest, 0, 2, "Vector.printf")
        top = self._s.size - 1
        s, e = 0, top
        if rest:
            s = int(chk(rest[0], 0, top, "Vector.printf"))
            e = int(chk(rest[1] if len(rest) > 1 else None, s, top, "Vector.printf"))
        values = self._arr[s : e + 1].tolist()
        if f is not None:
            text = "".join(cformat(fmt, x) for x in values) + "\n"
            f.write(text.encode())
        else:
            pieces = []
            for i, x in enumerate(values):
                pieces.append(cformat(fmt, x))
                if extra_newline and (i + 1) % 5 == 0:
                    pieces.append("\n")
            if extra_newline:
                pieces.append("\n")
            sys.stdout.write("".join(pieces))
        return e - s + 1

    def scanf(self, fileobj, *args) -> int:
        """scanf(file[, n] | [, c, nc] | [, n, c, nc]): read numbers (from column c of nc)
        until n are read or the end of the file; returns the count."""
        nargs(args, 0, 3, "Vector.scanf")
        f = stream(fileobj, "Vector.scanf")
        n, c, nc = -1, 1, 1
        if len(args) == 3:
            n, c, nc = (int(num(a, "Vector.scanf")) for a in args)
        elif len(args) == 2:
            c, nc = (int(num(a, "Vector.scanf")) for a in args)
        elif len(args) == 1:
            n = int(num(args[0], "Vector.scanf"))
        values = []
        while (n < 0 or len(values) < n) and not at_eof(f):
            for _ in range(1, c):
                if not at_eof(f):
                    scan_number(f)
            if not at_eof(f):
                values.append(scan_number(f))
            else:
                values.append(0.0 if n >= 0 else None)
            for _ in range(c, nc):
                if not at_eof(f):
                    scan_number(f)
        if n < 0:
            values = [x for x in values if x is not None] + [0.0] * sum(x is None for x in values)
        self._set_data(np.array(values, dtype=float))
        return len(values)

    def scantil(self, fileobj, sentinel, *args) -> int:
        """Read numbers (from column c of nc) until one equals the sentinel."""
        nargs(args, 0, 2, "Vector.scantil")
        f = stream(fileobj, "Vector.scantil")
        til = num(sentinel, "Vector.scantil")
        c, nc = 1, 1
        if len(args) == 2:
            c, nc = (int(num(a, "Vector.scantil")) for a in args)
        values = []
        while True:
            stop = False
            for _ in range(1, c):
                if scan_number(f) == til:
                    stop = True
                    break
            if stop:
                break
            x = scan_number(f)
            if x == til:
                break
            values.append(x)
            for _ in range(c, nc):
                scan_number(f)
        self._set_data(np.array(values, dtype=float))
        return len(values)
