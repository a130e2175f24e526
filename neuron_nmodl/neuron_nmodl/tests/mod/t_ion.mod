: Ion use: reads ena and nai, writes ina (with di/dv) and a concentration (cai as STATE).
NEURON {
    SUFFIX tion
    USEION na READ ena, nai WRITE ina
    USEION ca READ ica WRITE cai
    RANGE g, seen_nai
}
PARAMETER { g = 0.01 (S/cm2) }
ASSIGNED { v (mV) ena (mV) nai (mM) ina (mA/cm2) ica (mA/cm2) seen_nai }
STATE { cai (mM) }
INITIAL { cai = 2e-4  seen_nai = nai }
BREAKPOINT {
    SOLVE d METHOD cnexp
    ina = g*(v - ena)*(v - ena)/100
}
DERIVATIVE d { cai' = -ica/10 - cai }
