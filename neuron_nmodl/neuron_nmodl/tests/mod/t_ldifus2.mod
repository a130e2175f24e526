: LONGITUDINAL_DIFFUSION of a STATE that is an ion concentration (ko): it diffuses in the
: ion's own variable.
NEURON {
    SUFFIX tldifk
    USEION k READ ik WRITE ko
    RANGE D
}
UNITS {
    (mM) = (milli/liter)
    FARADAY = (faraday) (coulomb)
}
PARAMETER { D = 1.5 (um2/ms) }
ASSIGNED { diam (um) ik (mA/cm2) }
STATE { ko (mM) }
BREAKPOINT { SOLVE kin METHOD sparse }
KINETIC kin {
    COMPARTMENT diam {ko}
    LONGITUDINAL_DIFFUSION D*diam {ko}
    ~ ko << (ik*diam/FARADAY)
}
