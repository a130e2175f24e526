: Twice the value its POINTER reads, at INITIAL and at each BREAKPOINT.
NEURON { SUFFIX dptrtwice POINTER src RANGE y }
ASSIGNED { src y }
INITIAL { y = src }
BREAKPOINT { y = 2 * src }
