NEURON { SUFFIX tba RANGE nbb, nas, nbi, nai_, nbs }
ASSIGNED { nbb nas nbi nai_ nbs }
STATE { x }
BEFORE INITIAL { nbi = nbi + 1 }
AFTER INITIAL { nai_ = nai_ + 1 }
BEFORE BREAKPOINT { nbb = nbb + 1 }
AFTER SOLVE { nas = nas + 1 }
BEFORE STEP { nbs = nbs + 1 }
BREAKPOINT { SOLVE d METHOD cnexp }
DERIVATIVE d { x' = -x }
