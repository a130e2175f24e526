"""`neuron.nrn`: the section-level types of the model (as NEURON's compiled `nrn` module)."""
from .section import Section
from .segment import Mechanism, RangeVar, Segment

__all__ = ["Section", "Segment", "Mechanism", "RangeVar"]
