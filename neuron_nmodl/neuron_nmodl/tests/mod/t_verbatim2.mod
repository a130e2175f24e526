: NEURON's names for VERBATIM code met in model files: _ion_<var>, NRN_VERSION_GTEQ_8_2_0,
: vector_arg_px, vector_pobj / hoc_obj_ref / hoc_obj_unref.
NEURON { SUFFIX tverb2 USEION ca READ cai WRITE ica }
PARAMETER { gca = 0 }
ASSIGNED { ica (mA/cm2) cai (mM) }
BREAKPOINT { ica = gca }
FUNCTION ioncai() {
VERBATIM
    _lioncai = 1000. * _ion_cai;
ENDVERBATIM
}
FUNCTION newer() {
VERBATIM
#ifndef NRN_VERSION_GTEQ_8_2_0
    _lnewer = 0;
#else
    _lnewer = 1;
#endif
ENDVERBATIM
}
FUNCTION vlast() {
VERBATIM
    double* x;
    int n = vector_arg_px(1, &x);
    void* vv = vector_arg(1);
    hoc_obj_ref(*vector_pobj(vv));
    hoc_obj_unref(*vector_pobj(vv));
    _lvlast = n > 0 ? x[n - 1] + n : -1.;
ENDVERBATIM
}
