: Counts its BEFORE STEP calls and keeps the time of the last one.
NEURON { SUFFIX bstepcount RANGE n, tlast }
ASSIGNED { n tlast }
INITIAL { n = 0  tlast = -1 }
BEFORE STEP { n = n + 1  tlast = t }
