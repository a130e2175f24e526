"""Matrix text output and input: printf, fprint (to a File), scanf (from a File)."""
from __future__ import annotations

import sys

from neuron_core.vector.args import chk, is_number, nargs
from neuron_core.vector.filearg import stream
from neuron_core.vector.textscan import scan_number

from .hocformat import sprintf
from .strings import text_of


class MatrixIOMixin:
    __slots__ = ()

    def _text(self, fmt: str, rowfmt: str) -> str:
        lines = []
        for row in self._a.tolist():
            lines.append("".join(sprintf(fmt, (x,)) for x in row) + rowfmt)
        return "".join(lines)

    def printf(self, *args) -> float:
        """Print with element format " %-8.3g" and row format "\\n" unless given."""
        nargs(args, 0, 2, "Matrix.printf")
        fmt = text_of(args[0]) if args else " %-8.3g"
        rowfmt = text_of(args[1]) if len(args) > 1 else "\n"
        sys.stdout.write(self._text(fmt, rowfmt))
        return 0.0

    def fprint(self, *args) -> float:
        """fprint([0|1,] file[, element format[, row format]]): "nrow ncol" first unless 0."""
        with_size = True
        if args and is_number(args[0]):
            with_size = int(chk(args[0], 0, 1, "Matrix.fprint")) == 1
            args = args[1:]
        nargs(args, 1, 3, "Matrix.fprint")
        f = stream(args[0], "Matrix.fprint")
        fmt = text_of(args[1]) if len(args) > 1 else " %-8.3g"
        rowfmt = text_of(args[2]) if len(args) > 2 else "\n"
        head = "%d %d\n" % self._a.shape if with_size else ""
        f.write((head + self._text(fmt, rowfmt)).encode())
        return 0.0

    def scanf(self, fileobj, *args) -> float:
        """Read "nrow ncol" (unless given) then the elements row by row."""
        f = stream(fileobj, "Matrix.scanf")
        nargs(args, 0, 2, "Matrix.scanf")
        if args:
            nargs(args, 2, 2, "Matrix.scanf")
            r = int(chk(args[0], 1, 1e9, "Matrix.scanf"))
            c = int(chk(args[1], 1, 1e9, "Matrix.scanf"))
        else:
            r = int(scan_number(f))
            c = int(scan_number(f))
        self.resize(r, c)
        for i in range(r):
            for j in range(c):
                self._a[i, j] = scan_number(f)
        self._touch_all()
        return 0.0
