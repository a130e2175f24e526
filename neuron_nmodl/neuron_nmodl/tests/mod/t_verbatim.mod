: VERBATIM: C++ with NEURON's names (range variables, t, dt, v, LOCALs as _l<name>,
: function arguments, a helper defined in a top-level block).
NEURON { SUFFIX tverb RANGE a, b }
PARAMETER { a = 3 }
ASSIGNED { b v (mV) }
VERBATIM
static double twice(double x) { return 2.0 * x; }
ENDVERBATIM
FUNCTION f(x) {
    LOCAL y
    y = x + 1
VERBATIM
    _lf = twice(_ly) + a + _lx;
ENDVERBATIM
}
PROCEDURE settime() {
VERBATIM
    b = t + dt;
ENDVERBATIM
}
FUNCTION getb() { getb = b }
PROCEDURE settime7() {
    : NEURON 7's thread names
VERBATIM
    b = _nt->_t * 2 + _nt->_dt;
ENDVERBATIM
}
FUNCTION vsum() {
    : a Vector argument read through vector_instance_px, a scratch buffer from emalloc
VERBATIM
    double* x;
    int n = vector_instance_px(vector_arg(1), &x);
    double* tmp = (double*) emalloc(n * sizeof(double));
    _lvsum = 0.;
    for (int k = 0; k < n; ++k) {
        tmp[k] = x[k] * a;
        _lvsum += tmp[k];
    }
    free(tmp);
ENDVERBATIM
}
