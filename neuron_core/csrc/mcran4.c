/* mcran4.c -- MCellRan4 picks with the process-wide low index: the mcell_ran4(&highindex)
 * function and, when use_mcell_ran4(1) installs it, the scop_random of mechanisms (its own
 * high index, starting at 1 as NEURON's does). */
#include <stdint.h>

#include "mcran4_api.h"
#include "random123_api.h"

static uint32_t scop_high = 1;

double nrn_mcran4_pick(uint32_t* high) {
    return nrn_mcran4_dbl(high, nrn_mcran4_get_lowindex());
}

double nrn_mcran4_scop(void) {
    return nrn_mcran4_dbl(&scop_high, nrn_mcran4_get_lowindex());
}

void nrn_mcran4_scop_seed(uint32_t high) {
    scop_high = high;
}
