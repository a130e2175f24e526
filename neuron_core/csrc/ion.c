/* ion.c -- the engine-coded ion mechanisms (na_ion, k_ion, ca_ion, user ions).
 *
 * Per-instance columns: e (mV), ci (mM), co (mM), i (mA/cm2), di/dv (S/cm2), style.
 * The style code is NEURON's ion_style bitmap:
 *   03 concentration unused/const/dep/state, 04 initialize concentrations,
 *   030 reversal unused/const/dep/state, 040 initialize e, 0100 compute e every step,
 *   0200 / 0400 ci / co written by a mechanism.
 * Globals: ci0, co0, charge. */
#include "engine_int.h"

static const double FARADAY = 96485.33212331001; /* C/mol, CODATA 2018 */
static const double GASCONSTANT = 8.31446261815324; /* J/(K mol), CODATA 2018 */

static double ktf(double celsius) { /* mV */
    return 1000. * GASCONSTANT * (celsius + 273.15) / FARADAY;
}

double nrn_nernst(double ci, double co, double z, double celsius) {
    if (z == 0) {
        return 0.;
    }
    if (ci <= 0.) {
        return 1e6;
    }
    if (co <= 0.) {
        return -1e6;
    }
    return ktf(celsius) / z * log(co / ci);
}

static double efun(double x) {
    if (fabs(x) < 1e-4) {
        return 1. - x / 2.;
    }
    return x / (exp(x) - 1.);
}

double nrn_ghk(double v, double ci, double co, double z, double celsius) {
    double temp = z * v / ktf(celsius);
    double eco = co * efun(temp);
    double eci = ci * efun(-temp);
    return .001 * z * FARADAY * (eci - eco);
}

void nrn_ion_cur(nrn_ctx* ctx, nrn_mech* m) {
    const int n = m->n, s = m->stride;
    double* p = m->p;
    const double z = m->globals[IONG_CHARGE];
    for (int i = 0; i < n; ++i) {
        p[ION_DCURDV * s + i] = 0.;
        p[ION_CUR * s + i] = 0.;
        int style = (int)p[ION_STYLE * s + i];
        if (style & 0100) {
            p[ION_E * s + i] = nrn_nernst(p[ION_CI * s + i], p[ION_CO * s + i], z, ctx->celsius);
        }
    }
}

void nrn_ion_init(nrn_ctx* ctx, nrn_mech* m) {
    const int n = m->n, s = m->stride;
    double* p = m->p;
    const double z = m->globals[IONG_CHARGE];
    for (int i = 0; i < n; ++i) {
        int style = (int)p[ION_STYLE * s + i];
        if (style & 04) {
            p[ION_CI * s + i] = m->globals[IONG_CI0];
            p[ION_CO * s + i] = m->globals[IONG_CO0];
        }
    }
    for (int i = 0; i < n; ++i) {
        int style = (int)p[ION_STYLE * s + i];
        if (style & 040) {
            p[ION_E * s + i] = nrn_nernst(p[ION_CI * s + i], p[ION_CO * s + i], z, ctx->celsius);
        }
    }
}

/* secondorder == 2: ion currents corrected to the middle of the step. */
void nrn_ion_second_order(nrn_mech* m, const double* rhs) {
    const int s = m->stride;
    for (int i = 0; i < m->n; ++i) {
        m->p[ION_CUR * s + i] += m->p[ION_DCURDV * s + i] * rhs[m->node[i]];
    }
}

void nrn_second_order_cur(void) {
    nrn_engine* e = &nrn_eng;
    if (e->ctx.secondorder != 2) {
        return;
    }
    for (int k = 0; k < e->nmech; ++k) {
        if (e->mechs[k].kind == NRN_KIND_ION) {
            nrn_ion_second_order(&e->mechs[k].m, e->ctx.rhs);
        }
    }
}
