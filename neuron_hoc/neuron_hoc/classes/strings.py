"""String arguments of the built-in classes: HOC strdefs, `h.ref("")` cells or plain str."""
from __future__ import annotations

from ..values import set_string, string_of

__all__ = ["set_string", "text_of"]


def text_of(value) -> str:
    """The text of a string argument."""
    return string_of(value)
