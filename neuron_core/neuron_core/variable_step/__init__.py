"""NEURON's variable time step method (CVode): the equation map and the engine switch.

The integrator and the event loop are C (csrc/cvode_*.c); this package only prepares what
they need and turns the method on and off.
"""
from .control import Controller, controller

__all__ = ["Controller", "controller"]
