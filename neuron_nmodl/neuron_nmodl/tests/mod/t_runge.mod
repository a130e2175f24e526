NEURON { SUFFIX trunge RANGE k }
PARAMETER { k = 0.5 }
STATE { y }
INITIAL { y = 1 }
BREAKPOINT { SOLVE d METHOD runge }
DERIVATIVE d { y' = -k*y }
