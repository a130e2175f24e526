"""The File protocol of the built-in classes: a File argument is any object whose
`_binary_file()` returns its open binary stream (None when closed)."""
from __future__ import annotations

from ..errors import NeuronError


def stream(fileobj, what: str):
    """The open binary stream of a File argument, or a clear error."""
    get = getattr(fileobj, "_binary_file", None)
    if get is None:
        raise NeuronError("%s: expected a File object, got %s" % (what, type(fileobj).__name__))
    f = get()
    if f is None:
        raise NeuronError("%s: the File is not open" % what)
    return f
