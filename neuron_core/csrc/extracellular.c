/* extracellular.c -- the extracellular mechanism's extra layers in the matrix.
 * The Python side refuses to insert `extracellular` until this solver is complete, so these
 * entry points are only reached when ext_index is set. */
#include "engine_int.h"

void nrn_ext_rhs(void) {}
void nrn_ext_lhs(void) {}
void nrn_ext_solve_update(void) { nrn_error("extracellular solver not available", NULL); }
void nrn_ext_electrode(int nd, double i_rhs, double g) {
    (void)nd; (void)i_rhs; (void)g;
}
