: FUNCTION_TABLEs of one, two and three arguments given by table_<name>(...) with addresses
: (`vec._ref_x[0]`, `&y[0]` in HOC), and a procedure writing through hoc_pgetarg.
NEURON { SUFFIX ftab }
FUNCTION_TABLE tau1(vv (mV)) (ms)
FUNCTION_TABLE tau2(vv (mV), x) (ms)
FUNCTION_TABLE f3(a, b, c)
FUNCTION get1(x) { get1 = tau1(x) }
FUNCTION get2(a, b) { get2 = tau2(a, b) }
FUNCTION get3(a, b, c) { get3 = f3(a, b, c) }
: twice(p, n): doubles the n values from address p
PROCEDURE twice() {
VERBATIM
{
    double* p = hoc_pgetarg(1);
    int i, n = (int) *getarg(2);
    for (i = 0; i < n; ++i) {
        p[i] *= 2;
    }
}
ENDVERBATIM
}
