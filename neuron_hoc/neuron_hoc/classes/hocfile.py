"""NEURON's File class: named files opened for reading, writing or appending.

The open stream is a Python binary file, so text scanning (scanvar, scanstr, gets) and the
Vector's binary methods share one file position, as they share a C FILE* in NEURON.
"""
from __future__ import annotations

import os
import tempfile

import numpy as np

from neuron_core.errors import NeuronError
from neuron_core.vector.args import nargs, num
from neuron_core.vector.textscan import at_eof, read_word, scan_number

from .hocformat import sprintf
from .identity import HocIdentity
from .strings import set_string, text_of



class File(HocIdentity):
    """File(["name"]): ropen/wopen/aopen, printf, scanvar, scanstr, gets, seek/tell..."""

    hoc_name = "File"
    __slots__ = ("_name", "_f", "_id", "__weakref__")

    def __init__(self, *args) -> None:
        nargs(args, 0, 1, "File")
        self._name = text_of(args[0]) if args else ""
        self._f = None
        self._id = self._number()


    def _binary_file(self):
        """The open stream (None when closed): used by Vector's file methods."""
        return self._f

    def _open(self, args: tuple, mode: str, what: str) -> float:
        nargs(args, 0, 1, what)
        self.close()
        if args:
            self._name = text_of(args[0])
        try:
            self._f = open(os.path.expanduser(self._name), mode)
        except OSError:
            self._f = None
            return 0.0
        return 1.0

    def ropen(self, *args) -> float:
        """Open for reading (the last name if none given); 1 on success, 0 on failure."""
        return self._open(args, "rb", "File.ropen")

    def wopen(self, *args) -> float:
        return self._open(args, "wb", "File.wopen")

    def aopen(self, *args) -> float:
        return self._open(args, "ab", "File.aopen")

    def close(self) -> float:
        if self._f is not None:
            self._f.close()
            self._f = None
        return 0.0

    def isopen(self) -> float:
        return 1.0 if self._f is not None else 0.0

    def _open_stream(self, what: str):
        if self._f is None:
            raise NeuronError("%s: %s :file is not open" % (what, self._name))
        return self._f

    def getname(self, *args) -> str:
        nargs(args, 0, 1, "File.getname")
        if args:
            set_string(args[0], self._name)
        return self._name

    def dir(self) -> str:
        """Directory last visited by the file chooser (none without a screen)."""
        return ""

    def chooser(self, *args) -> float:
        """The file chooser needs a screen: nothing is chosen."""
        return 0.0

    def mktemp(self) -> float:
        """Name (and create) a new temporary file."""
        fd, name = tempfile.mkstemp(prefix="nrn")
        os.close(fd)
        self._name = name
        return 1.0

    def unlink(self) -> float:
        try:
            os.unlink(self._name)
        except OSError:
            return 0.0
        return 1.0

    # ------------------------------------------------------------------ text

    def printf(self, fmt, *args) -> float:
        f = self._open_stream("File.printf")
        f.write(sprintf(text_of(fmt), args).encode())
        return 0.0

    def scanvar(self) -> float:
        """The next number, read as HOC's fscan does."""
        return scan_number(self._open_stream("File.scanvar"))

    def scanstr(self, out) -> float:
        """Next whitespace-delimited word into a string reference; its length or -1 at EOF."""
        word = read_word(self._open_stream("File.scanstr"))
        if word is None:
            return -1.0
        text = word.decode("utf-8", "replace")
        set_string(out, text)
        return float(len(text))

    def gets(self, out) -> float:
        """The rest of the line including its newline; its length, or -1 at end of file."""
        line = self._open_stream("File.gets").readline()
        if not line:
            return -1.0
        text = line.decode("utf-8", "replace")
        set_string(out, text)
        return float(len(text))

    def eof(self) -> float:
        return 1.0 if at_eof(self._open_stream("File.eof")) else 0.0

    def flush(self) -> float:
        self._open_stream("File.flush").flush()
        return 1.0

    def seek(self, *args) -> float:
        """seek([offset[, origin]]): 0 on success, -1 on error."""
        nargs(args, 0, 2, "File.seek")
        f = self._open_stream("File.seek")
        offset = int(num(args[0], "File.seek")) if args else 0
        origin = int(num(args[1], "File.seek")) if len(args) > 1 else 0
        try:
            f.seek(offset, origin)
        except (OSError, ValueError):
            return -1.0
        return 0.0

    def tell(self) -> int:
        return self._open_stream("File.tell").tell()

    # ------------------------------------------------------------------ binary doubles

    def _doubles(self, args: tuple, what: str):
        nargs(args, 1, 2, what)
        n = int(num(args[0], what)) if len(args) == 2 else 1
        ptr = args[-1]
        locate = getattr(ptr, "_array_index", None)
        if locate is None:
            return n, None, ptr
        arr, i = locate()
        flat = arr.reshape(-1)
        if i + n > len(flat):
            raise NeuronError("%s: %d values requested beyond the array" % (what, n))
        return n, flat[i : i + n], ptr

    def vwrite(self, *args) -> float:
        """vwrite([n,] pointer): n native doubles starting at the pointer."""
        n, view, ptr = self._doubles(args, "File.vwrite")
        if view is None:
            view = np.array([ptr[k] for k in range(n)], dtype=float)
        self._open_stream("File.vwrite").write(np.ascontiguousarray(view, dtype="=f8").tobytes())
        return float(n)

    def vread(self, *args) -> float:
        """vread([n,] pointer): n native doubles into the memory at the pointer."""
        n, view, ptr = self._doubles(args, "File.vread")
        raw = self._open_stream("File.vread").read(8 * n)
        values = np.frombuffer(raw[: len(raw) // 8 * 8], dtype="=f8")
        if view is not None:
            view[: len(values)] = values
        else:
            for k, x in enumerate(values.tolist()):
                ptr[k] = x
        return float(len(values))
