/* impedance_api.h -- complex tree solves of NEURON's Impedance class.
 *
 * The matrix is the cable's tree matrix at one frequency: real off-diagonals a (a node's
 * effect on its parent's row) and b (the parent's effect on the node's row), and a complex
 * diagonal (dre + i dim) in S/cm2.  parent[i] < i, -1 at roots.  Complex values travel as
 * separate real and imaginary arrays. */

/* Eliminate leaves to roots: d becomes the triangularized diagonal, pivot = a / d. */
void nrn_imp_factor(int n, const int* parent, const double* a, const double* b, double* dre,
                    double* dim, double* pre, double* pim);

/* x solves the factored system for a current `inj` (mA/cm2) injected at node istim. */
void nrn_imp_solve(int n, const int* parent, const double* b, const double* dre,
                   const double* dim, const double* pre, const double* pim, int istim,
                   double inj, double* xre, double* xim);

/* The input impedance (MOhm) at every node at once, from the factored system (NEURON's
 * recursion; area in um2 scales the non-root nodes). */
void nrn_imp_input(int n, const int* parent, const double* b, const double* dre,
                   const double* dim, const double* pre, const double* pim, const double* area,
                   double* ire, double* iim);
