: derivimplicit on a nonlinear equation: one backward-Euler step per dt, solved by Newton.
NEURON { SUFFIX tdimp RANGE k }
PARAMETER { k = 0.7 }
STATE { y }
INITIAL { y = 1 }
BREAKPOINT { SOLVE d METHOD derivimplicit }
DERIVATIVE d { y' = -k*y*y }
