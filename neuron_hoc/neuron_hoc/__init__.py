"""The HOC language of NEURON and the `h` namespace."""
