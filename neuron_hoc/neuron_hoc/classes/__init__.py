"""NEURON's general-purpose built-in classes: List, Matrix, File, Random, StringFunctions,
Timer (Vector lives in neuron_core).  `hooks` is how the HOC interpreter tells them about
templates, symbols and references; `timer.process_timers` runs due Timer actions.
"""
from .hocfile import File
from .hoclist import List
from .hocrandom import Random
from .matrix import Matrix
from .strfun import StringFunctions
from .timer import Timer

CLASSES = {"List": List, "Matrix": Matrix, "File": File, "Random": Random,
           "StringFunctions": StringFunctions, "Timer": Timer}

__all__ = ["File", "List", "Matrix", "Random", "StringFunctions", "Timer", "CLASSES"]
