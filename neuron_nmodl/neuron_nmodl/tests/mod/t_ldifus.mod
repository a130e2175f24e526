: LONGITUDINAL_DIFFUSION of a scalar STATE and of an ion concentration array, with an
: ica-driven flux (its d flux/dc enters the CVODE Jacobian).
NEURON {
    SUFFIX tldif
    USEION ca READ ica WRITE cai
    RANGE D, Dk
}
UNITS {
    (mM) = (milli/liter)
    (um) = (micron)
    FARADAY = (faraday) (coulomb)
    PI = (pi) (1)
}
PARAMETER { D = 0.6 (um2/ms)  Dk = 0.3 (um2/ms) }
ASSIGNED { diam (um) ica (mA/cm2) cai (mM) }
STATE { c (mM) ca[2] (mM) }
INITIAL { c = 0  ca[0] = cai  ca[1] = cai }
BREAKPOINT { SOLVE kin METHOD sparse }
KINETIC kin {
    COMPARTMENT diam*diam {c}
    COMPARTMENT j, diam*diam*(1 + j)/4 {ca}
    LONGITUDINAL_DIFFUSION D*diam*diam {c}
    LONGITUDINAL_DIFFUSION j, Dk*(1 + j)*diam*diam/4 {ca}
    ~ c << (0)
    ~ ca[0] << (-ica*PI*diam/(2*FARADAY))
    ~ ca[0] <-> ca[1] (0.1, 0.1)
    cai = ca[0]
}
