"""save_state / restore_state: all species' concentrations as bytes (creation order)."""
from __future__ import annotations

import array
import gzip

from .rxdException import RxDException


def save_state() -> bytes:
    """The concentrations of every species (depends on the order species were created)."""
    from . import species
    live = species._live_species()
    if not live:
        return b""
    parts = []
    for sp in live:
        data = sp._state
        parts.append(array.array("Q", [len(data)]).tobytes())
        parts.append(data)
    body = gzip.compress(array.array("Q", [len(live)]).tobytes() + b"".join(parts))
    return array.array("Q", [0, len(body)]).tobytes() + body


def restore_state(oldstate: bytes) -> None:
    """Restore concentrations saved by save_state (same species, same order)."""
    from . import species
    live = species._live_species()
    if oldstate == b"":
        if live:
            raise RxDException("Invalid state data: inconsistent number of Species")
        return
    meta = array.array("Q")
    meta.frombytes(oldstate[:16])
    version, length = meta
    if version != 0:
        raise RxDException("Unsupported state version")
    if len(oldstate) != length + 16:
        raise RxDException("Invalid state data: bad length")
    body = gzip.decompress(oldstate[16:])
    count = array.array("Q")
    count.frombytes(body[:8])
    if len(live) != count[0]:
        raise RxDException("Invalid state data: inconsistent number of Species")
    pos = 8
    for sp in live:
        size = array.array("Q")
        size.frombytes(body[pos:pos + 8])
        pos += 8
        sp._state = body[pos:pos + size[0]]
        pos += size[0]
    if pos != len(body):
        raise RxDException("Invalid state data: bad length")
