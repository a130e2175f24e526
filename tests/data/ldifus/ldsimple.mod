: One STATE without ions: made where the membrane is depolarized, removed at rate k, and
: diffusing along the cable.
NEURON {
    SUFFIX ldsimple
    RANGE D, k
}
PARAMETER {
    D = 0.8 (um2/ms)
    k = 0.05 (/ms)
}
ASSIGNED { diam (um) v (mV) }
STATE { c }
INITIAL { c = 0 }
BREAKPOINT { SOLVE kin METHOD sparse }
KINETIC kin {
    COMPARTMENT diam*diam {c}
    LONGITUDINAL_DIFFUSION D*diam*diam {c}
    ~ c << (1e-3*diam*diam*(v + 65))
    ~ c << (-k*c*diam*diam)
}
