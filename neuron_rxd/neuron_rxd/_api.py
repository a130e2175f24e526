"""The public names of neuron.rxd, loaded on first use (see __init__)."""

from . import rxd, constants, geometry, options, region, species, section1d, node, nodelist
from . import initializer, rxdmath, reaction, rate, multiCompartmentReaction, generalizedReaction
from .rxdException import RxDException
from .species import Species, Parameter, State
from .region import Region, Extracellular
from .rate import Rate
from .reaction import Reaction
from .multiCompartmentReaction import MultiCompartmentReaction
from .rxd import re_init, set_solve_type, nthread
from .rxdmath import v
from .geometry import (membrane, inside, Shell, FractionalVolume, FixedCrossSection, FixedPerimeter,
                       ScalableBorder, DistributedBoundary, MultipleGeometry)
from ._state import save_state, restore_state
from . import _codegen, _ecs_reactions, _jit, _link, _shape, _topology, _wiring, extracellular  # noqa: F401

__all__ = ["RxDException", "Species", "Parameter", "State", "Region", "Extracellular", "Rate",
           "Reaction", "MultiCompartmentReaction", "re_init", "set_solve_type", "nthread", "v",
           "rxdmath", "geometry", "membrane", "inside", "Shell", "FractionalVolume",
           "FixedCrossSection", "FixedPerimeter", "ScalableBorder", "DistributedBoundary",
           "MultipleGeometry", "options", "save_state", "restore_state", "node", "nodelist"]
