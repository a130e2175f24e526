: TABLE of a LOCAL of the file (nocmodl tabulates it like an ASSIGNED).
NEURON { SUFFIX ttabloc RANGE y }
PARAMETER { k = 0.1 }
ASSIGNED { y }
LOCAL fexp
PROCEDURE rates(v) {
    TABLE fexp DEPEND k FROM -100 TO 100 WITH 200
    fexp = exp(k * v / 10)
}
FUNCTION probe(v) {
    rates(v)
    probe = fexp
}
