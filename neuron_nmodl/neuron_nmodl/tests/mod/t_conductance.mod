: CONDUCTANCE statements: nocmodl's nrn_cur then takes the LOCAL i as the current and dI/dv
: as the named conductances (here not the slope of i, which depends on v through gnl).
NEURON {
    SUFFIX tcond
    USEION na READ ena WRITE ina
    NONSPECIFIC_CURRENT i
    RANGE gbar
}
PARAMETER { gbar = 0.002 (S/cm2) }
ASSIGNED { v (mV) ena (mV) ina (mA/cm2) i (mA/cm2) }
BREAKPOINT {
    LOCAL i, gnl, gna
    CONDUCTANCE gnl
    CONDUCTANCE gna USEION na
    gnl = gbar / (1 + exp(-0.062 * v))
    gna = 0.01
    i = gnl * v
    ina = gna * (v - ena)
}
