: derivimplicit on a state whose derivative is NaN (log of a negative concentration): NEURON
: goes on with NaN values instead of stopping (scopmath's Newton takes NaN for converged).
NEURON { SUFFIX tnan RANGE x0 }
PARAMETER { x0 = -1 }
STATE { x z }
INITIAL { x = x0 z = 1 }
BREAKPOINT { SOLVE st METHOD derivimplicit }
DERIVATIVE st {
    x' = log(x)
    z' = -z
}
