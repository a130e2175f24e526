NEURON { SUFFIX tinc }
INCLUDE "t_include.inc"
FUNCTION g(x) { g = helper(x) + 1 }
