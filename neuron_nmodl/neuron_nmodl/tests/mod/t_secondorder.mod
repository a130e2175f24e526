: derivimplicit with secondorder > 0: NEURON halves dt and extrapolates.
NEURON { SUFFIX tsec RANGE k }
PARAMETER { k = 0.3 }
STATE { y }
INITIAL { y = 1 }
BREAKPOINT { SOLVE d METHOD derivimplicit }
DERIVATIVE d { y' = -k*y }
