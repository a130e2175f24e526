: A written concentration that follows a KINETIC state (`cai = c[0]`): NEURON's ode_synonym.
NEURON { SUFFIX tsyn USEION ca READ ica WRITE cai }
ASSIGNED { ica (mA/cm2) cai (mM) }
STATE { c[2] (mM) }
INITIAL { c[0] = cai  c[1] = cai }
BREAKPOINT { SOLVE k METHOD sparse }
KINETIC k {
    ~ c[0] <-> c[1] (1, 2)
    cai = c[0]
}
