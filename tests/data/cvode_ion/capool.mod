: a calcium shell: inflow from ica, decay to cainf (cai is a STATE the mechanism writes)
NEURON {
    SUFFIX capool
    USEION ca READ ica WRITE cai
    RANGE depth, taur, cainf
}
UNITS {
    (mM) = (milli/liter)
    (mA) = (milliamp)
    FARADAY = (faraday) (coulombs)
}
PARAMETER {
    depth = 0.1 (um)
    taur = 50 (ms)
    cainf = 1e-4 (mM)
}
ASSIGNED { ica (mA/cm2) }
STATE { cai (mM) }
INITIAL { cai = cainf }
BREAKPOINT { SOLVE state METHOD cnexp }
DERIVATIVE state {
    cai' = -(10000) * ica / (2 * FARADAY * depth) - (cai - cainf) / taur
}
