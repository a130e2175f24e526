"""The Python side of import3d.hoc (readers and instantiate)."""
from __future__ import annotations

from ..errors import HocError
from ..objects import HocObject
from ..values import string_of
from . import define


def install(interp) -> None:
    def read(kind, path):
        from ..import3d.nlcda import read_nlcda
        from ..import3d.swc import read_swc
        readers = {"swc": read_swc, "nlcda": read_nlcda}
        fn = readers.get(string_of(kind))
        if fn is None:
            raise HocError("Import3d: unknown file type %s" % string_of(kind))
        m = fn(string_of(path))
        if hasattr(m, "nlines"):
            interp.write("\n\r%d lines read\n" % m.nlines)
        return m

    def instantiate(morph, cell=None) -> float:
        from ..import3d.build import instantiate as build
        if morph is None:
            raise HocError("Import3d: no file has been read (call input first)")
        if cell is not None and not isinstance(cell, HocObject):
            raise HocError("Import3d: instantiate needs a HOC cell object or nil")
        build(interp, morph, cell)
        return 0.0

    def header(morph) -> float:
        for line in getattr(morph, "header", ()):
            interp.write(line + "\n")
        return 0.0

    define(interp, "import3d_read_", read, "obj")
    define(interp, "import3d_instantiate_", instantiate)
    define(interp, "import3d_header_", header)
