// mech_api.h: NEURON header name kept for VERBATIM code; the declarations it needs are in nmodl_runtime.hpp
#include "nmodl_runtime.hpp"
