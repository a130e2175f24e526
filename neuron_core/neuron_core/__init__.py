"""neuron_core: the simulation engine (C, through cffi) and its Python model API.

A thin facade: the objects users meet (Section, segments, point processes, NetCon, Vector,
references) and the model singleton; everything else lives in small private-by-convention
modules.  Nothing here knows HOC, NMODL syntax or rxd.
"""
from .errors import HocError, NeuronError
from .model import model
from .section import Section
from .segment import Mechanism, Segment
from .refs import Ref, array_ref
from .netcon import NetCon
from .seclist import SectionList, SectionRef
from .simulation import FInitializeHandler, fadvance, fcurrent, finitialize, run_until
from .mechanisms import registry
from .loading import find_library, load_library_file
from . import builtins

__all__ = [
    "HocError", "NeuronError", "model", "Section", "Segment", "Mechanism", "Ref", "array_ref",
    "NetCon", "SectionList", "SectionRef", "FInitializeHandler", "fadvance", "fcurrent",
    "finitialize", "run_until", "registry", "find_library", "load_library_file", "builtins",
    "get_include",
]


def get_include() -> str:
    """Folder holding nrn_mech_abi.h, the header compiled mechanisms include."""
    import os
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "include")
