: FUNCTION and PROCEDURE tables with DEPEND, usetable, end values outside FROM..TO.
NEURON { SUFFIX ttab RANGE sinf GLOBAL slope }
PARAMETER { slope = 2 }
ASSIGNED { sinf stau }
FUNCTION f(x) {
    TABLE DEPEND slope FROM -10 TO 10 WITH 20
    f = exp(x/slope)
}
PROCEDURE p(x) {
    TABLE sinf, stau DEPEND slope FROM 0 TO 1 WITH 4
    sinf = x*x*slope
    stau = 1 + x
}
FUNCTION getsinf() { getsinf = sinf }
FUNCTION getstau() { getstau = stau }
