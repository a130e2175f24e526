"""Identity methods every NEURON object has: hname(), same(), hocobjptr()."""
from __future__ import annotations

import itertools
from typing import Dict


class HocIdentity:
    """Mixin: instances are named `<hoc_name>[i]`, numbered per class from 0 (the class
    defines `hoc_name` and an `_id` slot set from `_number()`)."""

    __slots__ = ()
    _counters: Dict[str, "itertools.count"] = {}

    def _number(self) -> int:
        counter = HocIdentity._counters.setdefault(self.hoc_name, itertools.count())
        return next(counter)

    def hname(self) -> str:
        return "%s[%d]" % (self.hoc_name, self._id)

    def __repr__(self) -> str:
        return self.hname()

    __str__ = __repr__

    def same(self, other) -> bool:
        return self is other

    def hocobjptr(self) -> int:
        return id(self)
