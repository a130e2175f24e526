: an ohmic high-voltage-activated calcium current driven by eca
NEURON {
    SUFFIX cachan
    USEION ca READ eca WRITE ica
    RANGE gbar
}
UNITS {
    (mV) = (millivolt)
    (mA) = (milliamp)
}
PARAMETER { gbar = 0.002 (mho/cm2) }
ASSIGNED { v (mV) eca (mV) ica (mA/cm2) minf mtau (ms) }
STATE { m }
INITIAL { rates(v) m = minf }
BREAKPOINT {
    SOLVE states METHOD cnexp
    ica = gbar * m * m * (v - eca)
}
DERIVATIVE states {
    rates(v)
    m' = (minf - m) / mtau
}
PROCEDURE rates(v (mV)) {
    minf = 1 / (1 + exp(-(v + 20) / 6))
    mtau = 1 + 2 * exp(-((v + 40) / 20) ^ 2)
}
