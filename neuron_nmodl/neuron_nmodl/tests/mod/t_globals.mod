: GLOBAL and RANGE arrays, PARAMETER limits, DEFINE, a STATE with its <state>0 PARAMETER.
DEFINE NX 3
NEURON { SUFFIX tglob RANGE r GLOBAL garr, gscalar }
PARAMETER { gscalar = 5 <0, 10> s0 = 0.25 }
ASSIGNED { garr[NX] r[NX] }
STATE { s }
INITIAL {
    LOCAL k
    FROM k = 0 TO NX - 1 {
        garr[k] = k + gscalar
        r[k] = 10*k
    }
}
FUNCTION getr(k) { getr = r[k] }
