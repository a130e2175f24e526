: A DISCRETE block (one history per mechanism, as nocmodl keeps it): not thread safe.
NEURON { SUFFIX thrdisc RANGE k }
PARAMETER { k = 0.5 }
STATE { a }
INITIAL { a = 1 }
BREAKPOINT { SOLVE dis }
DISCRETE dis { a = a + k*a@1 }
