: A <-> B with a voltage-independent rate pair, CONSERVE, sparse; STEADYSTATE in INITIAL.
NEURON { SUFFIX tkin RANGE kf, kb, flux }
PARAMETER { kf = 0.3 (/ms) kb = 0.1 (/ms) }
ASSIGNED { flux }
STATE { A B }
INITIAL { SOLVE k STEADYSTATE sparse }
BREAKPOINT { SOLVE k METHOD sparse }
KINETIC k {
    ~ A <-> B (kf, kb)
    flux = f_flux - b_flux
    CONSERVE A + B = 1
}
