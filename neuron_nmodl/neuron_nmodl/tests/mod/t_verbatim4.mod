: `_nt != nrn_threads` (legacy random numbers only on the main thread) in a THREADSAFE file.
NEURON { SUFFIX tverb4 THREADSAFE }
FUNCTION mainthread() {
VERBATIM
    _lmainthread = (_nt != nrn_threads) ? 0. : 1.;
ENDVERBATIM
}
