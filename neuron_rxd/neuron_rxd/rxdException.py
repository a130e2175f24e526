"""The one exception type rxd raises for invalid models or operations."""


class RxDException(Exception):
    """An invalid reaction-diffusion specification or operation (names the object at fault)."""
