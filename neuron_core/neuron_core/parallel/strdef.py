"""Reading and writing string out-arguments (strdefs) without knowing the HOC interpreter:
a strdef arrives from HOC as a str carrying `.ref` (the variable), from Python as
`h.ref('')` (indexable, or with `.v`)."""
from __future__ import annotations

from ..errors import NeuronError


def is_strdef(x) -> bool:
    return isinstance(x, str) or hasattr(x, "__getitem__") or hasattr(x, "v")


def get_text(x) -> str:
    if isinstance(x, str):
        return str(x)
    try:
        value = x[0]
    except (TypeError, IndexError, KeyError):
        value = getattr(x, "v", None)
    if not isinstance(value, str):
        raise NeuronError("expected a strdef (h.ref('')), not %r" % (x,))
    return value


def set_text(target, value: str) -> None:
    ref = getattr(target, "ref", None)
    if isinstance(target, str):
        if ref is None:
            raise NeuronError("a string constant cannot receive a value; pass a strdef (h.ref(''))")
        ref.v = str(value)
    elif hasattr(target, "__setitem__"):
        target[0] = str(value)
    elif hasattr(target, "v"):
        target.v = str(value)
    else:
        raise NeuronError("expected a strdef (h.ref('')), not %r" % (target,))
