"""The extracellular mechanism (layers of extracellular potential around each node)."""
from __future__ import annotations

from .errors import NeuronError


def insert_extracellular(sec) -> None:
    raise NeuronError("the extracellular mechanism is not available in this version")


def after_uninsert(sec) -> None:
    pass
