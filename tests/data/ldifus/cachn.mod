: A high-threshold calcium current with one activation gate (DERIVATIVE, cnexp).
NEURON {
    SUFFIX cachn
    USEION ca READ eca WRITE ica
    RANGE gbar
}
UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
    (S) = (siemens)
}
PARAMETER { gbar = 0.003 (S/cm2) }
ASSIGNED { v (mV) eca (mV) ica (mA/cm2) minf mtau (ms) }
STATE { m }
BREAKPOINT {
    SOLVE states METHOD cnexp
    ica = gbar*m*m*(v - eca)
}
INITIAL {
    rates(v)
    m = minf
}
DERIVATIVE states {
    rates(v)
    m' = (minf - m)/mtau
}
PROCEDURE rates(v (mV)) {
    minf = 1/(1 + exp(-(v + 25)/5))
    mtau = 0.5 + 2/(1 + exp((v + 30)/10))
}
