NEURON { SUFFIX teuler RANGE k }
PARAMETER { k = 0.5 }
STATE { y z }
INITIAL { y = 1 z = 2 }
BREAKPOINT { SOLVE d METHOD euler }
DERIVATIVE d {
    y' = -k*y
    z' = y
}
