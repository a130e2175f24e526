"""Exception types.  NEURON reports errors as RuntimeError ("hoc error"); ours are
RuntimeError subclasses so existing `except RuntimeError` code keeps working."""


class NeuronError(RuntimeError):
    """An error reported by the simulator (bad input, failed step, ...)."""


class HocError(NeuronError):
    """An error raised while executing HOC code."""
