NEURON { SUFFIX tptr POINTER src RANGE copy }
ASSIGNED { src copy }
BREAKPOINT { copy = 2*src }
