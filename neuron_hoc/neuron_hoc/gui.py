"""`from neuron import gui`: loads nrngui.hoc (stdrun plus the GUI library) as NEURON does.

There is no screen here: the GUI classes it defines are harmless headless objects, so scripts
that build panels and graphs run unchanged.
"""
from .top import get_h

h = get_h()
h.load_file("nrngui.hoc")
