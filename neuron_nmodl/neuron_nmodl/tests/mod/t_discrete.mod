: DISCRETE block: a@2 (two steps back) and an array STATE one step back.
NEURON { SUFFIX tdisc RANGE k }
PARAMETER { k = 0.5 }
STATE { a  b[2] }
INITIAL { a = 1  b[0] = 2  b[1] = 3 }
BREAKPOINT { SOLVE dis }
DISCRETE dis {
    a = a + k*a@2
    b[0] = b@1[1]
    b[1] = b@1[0] + 1
}
