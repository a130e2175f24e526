NEURON { POINT_PROCESS tattime RANGE hit, when }
PARAMETER { when = 1 }
ASSIGNED { hit }
INITIAL { hit = 0 }
BREAKPOINT { if (at_time(when)) { hit = hit + 1 } }
