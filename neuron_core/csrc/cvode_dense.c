/* cvode_dense.c -- dense direct linear solver for the BDF integrator: M = I - gamma J with J
 * from a user function or from difference quotients, LU with partial pivoting.  J is
 * re-evaluated as CVODE's matrix-based solvers do (first step, every 51 steps, after a
 * convergence failure with a stale J or any other failure); between evaluations the
 * solution is scaled by 2/(1 + gamma/gamma_setup). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nrn_mech_abi.h"
#include "engine.h"
#include "cvode_api.h"

static const long MSBJ = 51;
static const double DGMAX_JBAD = 0.2, MIN_INC_MULT = 1000.0;

static int dq_jac(cvb_dense* d, double t, double* y, double* fy) {
    cvb_mem* cv = d->cv;
    int n = d->n;
    double srur = sqrt(cv->uround);
    double fnorm = cvb_wrms(n, fy, cv->ewt);
    double min_inc = fnorm != 0.0 ? MIN_INC_MULT * fabs(cv->h) * cv->uround * n * fnorm : 1.0;
    double* ftemp = d->work;
    for (int j = 0; j < n; ++j) {
        double yj = y[j];
        double inc = fmax(srur * fabs(yj), min_inc / cv->ewt[j]);
        y[j] += inc;
        int r = cv->f(t, y, ftemp, cv->data);
        cv->nfe++;
        y[j] = yj;
        if (r != 0) return r;
        double inc_inv = 1.0 / inc;
        double* col = d->J + (size_t)j * n;
        for (int i = 0; i < n; ++i) col[i] = inc_inv * (ftemp[i] - fy[i]);
    }
    return 0;
}

/* LU with partial pivoting of the column-major n x n matrix a (in place); k + 1 when column k
 * is singular */
int cvb_lu_factor(double* a, int n, int* piv) {
    for (int k = 0; k < n; ++k) {
        double* colk = a + (size_t)k * n;
        int l = k;
        for (int i = k + 1; i < n; ++i)
            if (fabs(colk[i]) > fabs(colk[l])) l = i;
        piv[k] = l;
        if (colk[l] == 0.0) return k + 1;
        if (l != k) {
            for (int j = 0; j < n; ++j) {
                double* cj = a + (size_t)j * n;
                double tmp = cj[l]; cj[l] = cj[k]; cj[k] = tmp;
            }
        }
        double mult = -1.0 / colk[k];
        for (int i = k + 1; i < n; ++i) colk[i] *= mult;
        for (int j = k + 1; j < n; ++j) {
            double* cj = a + (size_t)j * n;
            double ajk = cj[k];
            if (ajk != 0.0)
                for (int i = k + 1; i < n; ++i) cj[i] += ajk * colk[i];
        }
    }
    return 0;
}

/* b <- A^-1 b from the factors of cvb_lu_factor */
void cvb_lu_solve(double* a, int n, int* piv, double* b) {
    for (int k = 0; k < n; ++k) {
        int l = piv[k];
        if (l != k) { double t = b[l]; b[l] = b[k]; b[k] = t; }
        double* colk = a + (size_t)k * n;
        for (int i = k + 1; i < n; ++i) b[i] += colk[i] * b[k];
    }
    for (int k = n - 1; k >= 0; --k) {
        double* colk = a + (size_t)k * n;
        b[k] /= colk[k];
        double bk = -b[k];
        for (int i = 0; i < k; ++i) b[i] += colk[i] * bk;
    }
}

static int dense_setup(void* data, int convfail, double* ypred, double* fpred, int* jcur,
                       double gamma) {
    cvb_dense* d = data;
    cvb_mem* cv = d->cv;
    int n = d->n;
    double dgamma = fabs(cv->gamma / cv->gammap - 1.0);
    int jbad = cv->nst == 0 || cv->nst >= d->nstlj + MSBJ ||
               (convfail == 1 && dgamma < DGMAX_JBAD) || convfail == 2;
    if (!jbad) {
        *jcur = 0;
    } else {
        d->nje++;
        d->nstlj = cv->nst;
        *jcur = 1;
        int r = d->jac ? d->jac(cv->tn, ypred, fpred, d->J, d->jac_data)
                       : dq_jac(d, cv->tn, ypred, fpred);
        if (r < 0) return -1;
        if (r > 0) return 1;
    }
    for (size_t k = 0; k < (size_t)n * n; ++k) d->M[k] = -gamma * d->J[k];
    for (int i = 0; i < n; ++i) d->M[(size_t)i * n + i] += 1.0;
    return cvb_lu_factor(d->M, n, d->piv) ? 1 : 0;
}

static int dense_solve(void* data, double* b, double* ycur, double* fcur, double gamma,
                       double gamrat) {
    cvb_dense* d = data;
    cvb_lu_solve(d->M, d->n, d->piv, b);
    if (gamrat != 1.0) {
        double c = 2.0 / (1.0 + gamrat);
        for (int i = 0; i < d->n; ++i) b[i] *= c;
    }
    return 0;
}

int cvb_dense_lsetup(void* data, int convfail, double* ypred, double* fpred, int* jcur,
                     double gamma) {
    return dense_setup(data, convfail, ypred, fpred, jcur, gamma);
}

int cvb_dense_lsolve(void* data, double* b, double* ycur, double* fcur, double gamma,
                     double gamrat) {
    return dense_solve(data, b, ycur, fcur, gamma, gamrat);
}

/* Make d the linear solver of cv (J from jac, or difference quotients when jac is NULL). */
int cvb_dense_attach(cvb_dense* d, cvb_mem* cv, cvb_jac_fn jac, void* jac_data) {
    int n = cv->n;
    memset(d, 0, sizeof(*d));
    d->cv = cv;
    d->n = n;
    d->jac = jac;
    d->jac_data = jac_data;
    d->J = calloc((size_t)n * n, sizeof(double));
    d->M = calloc((size_t)n * n, sizeof(double));
    d->piv = calloc((size_t)n, sizeof(int));
    d->work = calloc((size_t)n, sizeof(double));
    if (!d->J || !d->M || !d->piv || !d->work) {
        cvb_dense_free(d);
        return CVB_ILL_INPUT;
    }
    cv->lsetup = cvb_dense_lsetup;
    cv->lsolve = cvb_dense_lsolve;
    cv->ldata = d;
    return CVB_SUCCESS;
}

void cvb_dense_free(cvb_dense* d) {
    free(d->J);
    free(d->M);
    free(d->piv);
    free(d->work);
    d->J = d->M = d->work = NULL;
    d->piv = NULL;
}
