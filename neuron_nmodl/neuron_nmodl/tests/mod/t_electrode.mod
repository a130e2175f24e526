NEURON { POINT_PROCESS telec ELECTRODE_CURRENT i RANGE amp, gx }
PARAMETER { amp = 0.5 (nA) gx = 0.01 (uS) }
ASSIGNED { v (mV) i (nA) }
BREAKPOINT { i = amp - gx*v }
