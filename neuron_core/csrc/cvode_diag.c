/* cvode_diag.c -- CVode.jacobian(2): the diagonal linear solver of CVODE (CVDIAG).  J is
 * approximated by its diagonal from one extra f at y perturbed by a tenth of the functional
 * iteration correction, dy = 0.1 rl1 (h f(y) - zn[1]):  M = I - gamma diag(df_i / dy_i), kept
 * inverted; components whose dy is at roundoff level (|dy_i ewt_i| < uround) use M_ii = 1.  A
 * change of gamma between setups rescales M instead of a new f. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nrn_mech_abi.h"
#include "engine.h"
#include "cvode_api.h"

static const double FRACT = 0.1;

static int diag_setup(void* data, int convfail, double* ypred, double* fpred, int* jcur,
                      double gamma) {
    cvb_diag* d = data;
    cvb_mem* cv = d->cv;
    const int n = cv->n;
    double* ftemp = d->ftemp;
    double* y = d->ypert;
    double* M = d->M;
    (void)convfail;
    double r = FRACT * cv->rl1;
    for (int i = 0; i < n; ++i) ftemp[i] = cv->h * fpred[i] - cv->zn[1][i];
    for (int i = 0; i < n; ++i) y[i] = r * ftemp[i] + ypred[i];
    int ret = cv->f(cv->tn, y, M, cv->data);
    d->nfeDI++;
    if (ret != 0) return ret < 0 ? -1 : 1;
    /* M_ii = 1 - gamma J_ii = (0.1 ftemp_i - h df_i) / (0.1 ftemp_i) */
    for (int i = 0; i < n; ++i) {
        double df = M[i] - fpred[i];
        int ok = fabs(ftemp[i] * cv->ewt[i]) >= cv->uround;
        if (ok) {
            M[i] = (FRACT * ftemp[i] - cv->h * df) / (FRACT * ftemp[i]);
        } else {
            M[i] = 1.0;
        }
    }
    for (int i = 0; i < n; ++i) {
        if (M[i] == 0.0) return 1;
        M[i] = 1.0 / M[i];
    }
    *jcur = 1;
    d->gammasv = gamma;
    return 0;
}

static int diag_solve(void* data, double* b, double* ycur, double* fcur, double gamma,
                      double gamrat) {
    cvb_diag* d = data;
    const int n = d->cv->n;
    double* M = d->M;
    (void)ycur; (void)fcur; (void)gamrat;
    if (d->gammasv != gamma) {
        /* M^-1 = 1 - gamma_sv J  ->  1 - gamma J */
        double r = gamma / d->gammasv;
        for (int i = 0; i < n; ++i) {
            double m = r * (1.0 / M[i] - 1.0) + 1.0;
            if (m == 0.0) return 1;
            M[i] = 1.0 / m;
        }
        d->gammasv = gamma;
    }
    for (int i = 0; i < n; ++i) b[i] *= M[i];
    return 0;
}

/* Make d the linear solver of cv. */
int cvb_diag_attach(cvb_diag* d, cvb_mem* cv) {
    memset(d, 0, sizeof(*d));
    d->cv = cv;
    int n = cv->n > 0 ? cv->n : 1;
    d->M = calloc(n, sizeof(double));
    d->ftemp = calloc(n, sizeof(double));
    d->ypert = calloc(n, sizeof(double));
    if (!d->M || !d->ftemp || !d->ypert) {
        cvb_diag_free(d);
        return CVB_ILL_INPUT;
    }
    cv->lsetup = diag_setup;
    cv->lsolve = diag_solve;
    cv->ldata = d;
    return CVB_SUCCESS;
}

void cvb_diag_free(cvb_diag* d) {
    free(d->M);
    free(d->ftemp);
    free(d->ypert);
    d->M = d->ftemp = d->ypert = NULL;
}
