"""Bulletin-board message bodies: what `pack`/`post` put in and `upk*`/`unpack` take out.

Items keep NEURON's types: numbers become scalars (floats), strings strdefs, Vectors are
copied, any other Python object travels pickled (so the receiver gets a copy, as it would
from another host).
"""
from __future__ import annotations

import pickle
from typing import Any, List, Optional, Tuple

from ..errors import NeuronError
from .strdef import set_text

SCALAR, STRING, VECTOR, PYOBJ = "scalar", "string", "Vector", "Python object"


def _is_vector(x) -> bool:
    return hasattr(x, "as_numpy") and hasattr(x, "_cv")


def encode(item: Any) -> Tuple[str, Any]:
    if isinstance(item, bool):
        return PYOBJ, pickle.dumps(item)
    if isinstance(item, (int, float)):
        return SCALAR, float(item)
    if isinstance(item, str):
        return STRING, item
    if _is_vector(item):
        return VECTOR, item.as_numpy().copy()
    return PYOBJ, pickle.dumps(item, pickle.HIGHEST_PROTOCOL)


def decode_pyobj(kind: str, value: Any) -> Any:
    if kind == PYOBJ:
        return pickle.loads(value)
    if kind == VECTOR:
        from ..vector import Vector
        return Vector(value)
    return value


class Message:
    """A body being read: items in order, each taken once."""

    def __init__(self, items: Optional[List[Tuple[str, Any]]] = None):
        self.items = list(items or [])
        self.pos = 0

    def _next(self, want: str, what: str) -> Any:
        if self.pos >= len(self.items):
            raise NeuronError("%s: the message has no more items" % what)
        kind, value = self.items[self.pos]
        if kind != want:
            raise NeuronError("%s: the next item of the message is a %s, not a %s" % (what, kind, want))
        self.pos += 1
        return kind, value

    def scalar(self) -> float:
        return self._next(SCALAR, "upkscalar")[1]

    def string(self) -> str:
        return self._next(STRING, "upkstr")[1]

    def vector(self, into=None):
        values = self._next(VECTOR, "upkvec")[1]
        if into is None:
            from ..vector import Vector
            return Vector(values)
        into.resize(len(values))
        into.as_numpy()[:] = values
        return into

    def pyobj(self) -> Any:
        return pickle.loads(self._next(PYOBJ, "upkpyobj")[1])

    def unpack_into(self, targets) -> None:
        """unpack(...), take(key, ...): fill pointers, Vectors and strdefs in order."""
        for tgt in targets:
            if _is_vector(tgt):
                self.vector(tgt)
                continue
            if self.pos < len(self.items) and self.items[self.pos][0] == STRING:
                set_text(tgt, self.string())
            else:
                tgt[0] = self.scalar()
