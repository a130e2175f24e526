/* ida_dense.c -- dense direct linear solver for the IDA method (general DAE systems): the
 * iteration matrix J = dF/dy + cj dF/dy' from a user function or from difference quotients
 * (one residual per column, increment sqrt(uround) max(|y_j|, |h y'_j|, 1/ewt_j) with the sign
 * of h y'_j), LU with partial pivoting.  The integrator decides when J is rebuilt (first step,
 * cj out of [0.6, 1.67] of its value at the last setup, a failed iteration with an old J);
 * between setups the solution is scaled by 2/(1 + cj/cj_setup). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nrn_mech_abi.h"
#include "engine.h"
#include "cvode_api.h"

static int dq_jac(idb_dense* d, double* y, double* yp, double* r) {
    idb_mem* m = d->ida;
    int n = d->n;
    double srur = sqrt(m->uround);
    double* rtemp = d->work;
    for (int j = 0; j < n; ++j) {
        double yj = y[j], ypj = yp[j];
        double inc = srur * fmax(fabs(yj), fmax(fabs(m->hh * ypj), 1.0 / m->ewt[j]));
        if (m->hh * ypj < 0.0) inc = -inc;
        inc = (yj + inc) - yj; /* an increment y_j can represent exactly */
        y[j] += inc;
        yp[j] += m->cj * inc;
        int ret = m->res(m->tn, y, yp, rtemp, m->data);
        d->nreD++;
        y[j] = yj;
        yp[j] = ypj;
        if (ret != 0) return ret;
        double inc_inv = 1.0 / inc;
        double* col = d->J + (size_t)j * n;
        for (int i = 0; i < n; ++i) col[i] = inc_inv * (rtemp[i] - r[i]);
    }
    return 0;
}

static int dense_setup(void* ldata, double* y, double* yp, double* r) {
    idb_dense* d = ldata;
    idb_mem* m = d->ida;
    d->nje++;
    memset(d->J, 0, sizeof(double) * (size_t)d->n * d->n);
    int ret = d->jac ? d->jac(m->tn, m->cj, y, yp, r, d->J, d->jac_data) : dq_jac(d, y, yp, r);
    if (ret < 0) return -1;
    if (ret > 0) return 1;
    return cvb_lu_factor(d->J, d->n, d->piv) ? 1 : 0;
}

static int dense_solve(void* ldata, double* b, double* ycur, double* ypcur, double* rcur) {
    idb_dense* d = ldata;
    (void)ycur; (void)ypcur; (void)rcur;
    cvb_lu_solve(d->J, d->n, d->piv, b);
    double ratio = d->ida->cjratio;
    if (ratio != 1.0) {
        double c = 2.0 / (1.0 + ratio); /* J was built for an older cj */
        for (int i = 0; i < d->n; ++i) b[i] *= c;
    }
    return 0;
}

/* Make d the linear solver of ida (J from jac, or difference quotients when jac is NULL). */
int idb_dense_attach(idb_dense* d, idb_mem* ida, idb_jac_fn jac, void* jac_data) {
    int n = ida->n;
    memset(d, 0, sizeof(*d));
    d->ida = ida;
    d->n = n;
    d->jac = jac;
    d->jac_data = jac_data;
    d->J = calloc((size_t)n * n, sizeof(double));
    d->piv = calloc((size_t)n, sizeof(int));
    d->work = calloc((size_t)n, sizeof(double));
    if (!d->J || !d->piv || !d->work) {
        idb_dense_free(d);
        return IDB_ILL_INPUT;
    }
    ida->lsetup = dense_setup;
    ida->lsolve = dense_solve;
    ida->ldata = d;
    return IDB_SUCCESS;
}

void idb_dense_free(idb_dense* d) {
    free(d->J);
    free(d->piv);
    free(d->work);
    d->J = d->work = NULL;
    d->piv = NULL;
}
