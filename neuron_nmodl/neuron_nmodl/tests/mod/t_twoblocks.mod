: Two INITIAL and two BREAKPOINT blocks (a model file adds its own after those of an INCLUDE
: file): nocmodl runs each second block after the first, with LOCALs of its own.
NEURON { SUFFIX ttwoblk NONSPECIFIC_CURRENT i RANGE a, b, c, k }
PARAMETER { k = 0.5 }
ASSIGNED { v i a b c }
STATE { s }
INITIAL { LOCAL q  q = 2  s = q }
BREAKPOINT {
    LOCAL q
    SOLVE st METHOD cnexp
    q = 2
    a = s * q
    i = 0.001 * (v + 65) * a
}
DERIVATIVE st { s' = -k * s }
INITIAL { LOCAL q  q = 3  c = s + q }
BREAKPOINT {
    LOCAL q
    q = a + 1
    b = q
    i = i * b
}
