/* ida_bdf.c -- variable-order, variable-step BDF for implicit systems F(t, y, y') = 0: the
 * method of SUNDIALS IDA (Brenan, Campbell & Petzold, "Numerical Solution of Initial-Value
 * Problems in DAEs"; Hindmarsh et al., ACM TOMS 31, 2005; IDA user guide, "Mathematical
 * considerations"), written for this engine.
 *
 * History phi[j] = modified divided differences of y, fixed-leading-coefficient BDF of order
 * 1..maxord with leading coefficient cj = -alpha_s / h, prediction of y and y' from phi,
 * Newton iteration on F with a user linear solve of (dF/dy + cj dF/dy') x = b, local error
 * test sigma_k ||E||_wrms <= 1 (with the variable-step constant ck), choice of order among
 * k-1, k, k+1 from the terms (k+1) sigma ||...||, steps doubled while the order rises in the
 * start-up phase, then h' = h r with r = (2 est + 1e-4)^(-1/(k+1)) (kept if 1 < r < 2, doubled
 * if r >= 2, cut to [0.5, 0.9] h if r <= 1).  Error weights 1/(rtol |y_i| + atol_i).
 *
 * Vector arithmetic follows the serial N_Vector operations (same special cases, so the same
 * rounding).  y and y' of the step in progress live in the caller's output arrays. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nrn_mech_abi.h"
#include "engine.h"
#include "cvode_api.h"

/* method constants (IDA's defaults) */
static const double EPCON = 0.33;            /* Newton convergence constant */
static const double RATEMAX = 0.9;           /* Newton: give up when the rate exceeds it */
static const double XRATE = 0.25;            /* cj may change by this before a new setup */
static const int MAXCOR = 4, MXNEF = 10, MXNCF = 10, MXSTEP = 500;

/* internal results of a step attempt */
enum { RES_RECVR = 1, LSETUP_RECVR = 2, LSOLVE_RECVR = 3, NCONV_RECVR = 4,
       ERROR_TEST_FAIL = 7, PREDICT_AGAIN = 20, CONTINUE_STEPS = 99 };
/* order decisions after a step */
enum { LOWER = 1, RAISE = 2, MAINTAIN = 3 };

/* ------------------------------------------------------------------ vector helpers */

/* y += a x */
static void axpy(int n, double a, const double* x, double* y) {
    if (a == 1.0) {
        for (int i = 0; i < n; ++i) y[i] += x[i];
    } else if (a == -1.0) {
        for (int i = 0; i < n; ++i) y[i] -= x[i];
    } else {
        for (int i = 0; i < n; ++i) y[i] += a * x[i];
    }
}

/* z = a x + b y, with the special cases of the serial vector (their rounding) */
static void lin(int n, double a, const double* x, double b, const double* y, double* z) {
    if (b == 1.0 && z == y) {
        axpy(n, a, x, z);
    } else if (a == 1.0 && z == x) {
        axpy(n, b, y, z);
    } else if (a == 1.0 && b == 1.0) {
        for (int i = 0; i < n; ++i) z[i] = x[i] + y[i];
    } else if (a == 1.0 && b == -1.0) {
        for (int i = 0; i < n; ++i) z[i] = x[i] - y[i];
    } else if (a == -1.0 && b == 1.0) {
        for (int i = 0; i < n; ++i) z[i] = y[i] - x[i];
    } else if (a == 1.0) {
        for (int i = 0; i < n; ++i) z[i] = b * y[i] + x[i];
    } else if (b == 1.0) {
        for (int i = 0; i < n; ++i) z[i] = a * x[i] + y[i];
    } else if (a == -1.0) {
        for (int i = 0; i < n; ++i) z[i] = b * y[i] - x[i];
    } else if (b == -1.0) {
        for (int i = 0; i < n; ++i) z[i] = a * x[i] - y[i];
    } else if (a == b) {
        for (int i = 0; i < n; ++i) z[i] = a * (x[i] + y[i]);
    } else if (a == -b) {
        for (int i = 0; i < n; ++i) z[i] = a * (x[i] - y[i]);
    } else {
        for (int i = 0; i < n; ++i) z[i] = a * x[i] + b * y[i];
    }
}

static void scal(int n, double c, const double* x, double* z) {
    if (z == x) {
        for (int i = 0; i < n; ++i) z[i] *= c;
    } else if (c == 1.0) {
        memcpy(z, x, sizeof(double) * n);
    } else if (c == -1.0) {
        for (int i = 0; i < n; ++i) z[i] = -x[i];
    } else {
        for (int i = 0; i < n; ++i) z[i] = c * x[i];
    }
}

static double wrms(const idb_mem* m, const double* x) { return cvb_wrms(m->n, (double*)x, m->ewt); }

/* ---------------------------------------------------------------------- setup */

int idb_alloc(idb_mem* m, int n, int maxord) {
    memset(m, 0, sizeof(*m));
    if (n <= 0 || maxord < 1 || maxord > IDB_MAXORD) return IDB_ILL_INPUT;
    int ncol = (maxord > 3 ? maxord : 3) + 1; /* phi[2], phi[3] double as scratch */
    int nvec = ncol + 4;
    m->block = calloc((size_t)n * nvec, sizeof(double));
    if (!m->block) return IDB_ILL_INPUT;
    m->n = n;
    m->maxord = maxord;
    m->ncol = ncol;
    for (int j = 0; j < ncol; ++j) m->phi[j] = m->block + (size_t)j * n;
    double* p = m->block + (size_t)ncol * n;
    m->ewt = p; p += n;
    m->ee = p; p += n;
    m->delta = p; p += n;
    m->savres = p;
    m->uround = DBL_EPSILON;
    m->epcon = EPCON;
    m->maxcor = MAXCOR;
    m->maxnef = MXNEF;
    m->maxncf = MXNCF;
    m->mxstep = MXSTEP;
    return IDB_SUCCESS;
}

void idb_free(idb_mem* m) {
    free(m->block);
    m->block = NULL;
    m->n = 0;
}

int idb_reinit(idb_mem* m, double t0, double* y0, double* yp0) {
    memcpy(m->phi[0], y0, sizeof(double) * m->n);
    memcpy(m->phi[1], yp0, sizeof(double) * m->n);
    m->tn = t0;
    m->tretp = t0;
    m->nst = m->nre = m->ncfn = m->netf = m->nni = m->nsetups = 0;
    m->kused = 0;
    m->hused = 0.0;
    m->tolsf = 1.0;
    m->started = 0;
    m->tstopset = 0;
    return IDB_SUCCESS;
}

void idb_set_stop_time(idb_mem* m, double tstop) {
    m->tstop = tstop;
    m->tstopset = 1;
}

/* ewt = 1/(rtol |y| + atol); -1 when a tolerance is not positive */
int idb_ewt_set(idb_mem* m, const double* y) {
    double* tol = m->savres; /* scratch: only the Newton iteration uses it */
    for (int i = 0; i < m->n; ++i) tol[i] = m->rtol * fabs(y[i]) + m->atol[i];
    for (int i = 0; i < m->n; ++i)
        if (tol[i] <= 0.0) return -1;
    for (int i = 0; i < m->n; ++i) m->ewt[i] = 1.0 / tol[i];
    return 0;
}

/* -------------------------------------------------------------- interpolation */

/* y(t) and y'(t) from the interpolating polynomial of the last step (order kused) */
int idb_get_solution(idb_mem* m, double t, double* yret, double* ypret) {
    double tfuzz = 100.0 * m->uround * (m->tn + m->hh);
    double tp = m->tn - m->hused - tfuzz;
    if ((t - tp) * m->hh < 0.0) return IDB_BAD_T;
    scal(m->n, 1.0, m->phi[0], yret);
    memset(ypret, 0, sizeof(double) * m->n);
    int kord = m->kused == 0 ? 1 : m->kused;
    double delt = t - m->tn, c = 1.0, d = 0.0, gam = delt / m->psi[0];
    for (int j = 1; j <= kord; ++j) {
        d = d * gam + c / m->psi[j - 1];
        c = c * gam;
        gam = (delt + m->psi[j - 1]) / m->psi[j];
        lin(m->n, 1.0, yret, c, m->phi[j], yret);
        lin(m->n, 1.0, ypret, d, m->phi[j], ypret);
    }
    return IDB_SUCCESS;
}

/* ------------------------------------------------------------------ one step */

/* coefficients of the step about to be taken; phi becomes phi* and tn advances */
static double set_coeffs(idb_mem* m) {
    int k = m->kk;
    if (m->hh != m->hused || k != m->kused) m->ns = 0;
    m->ns = m->ns + 1 < m->kused + 2 ? m->ns + 1 : m->kused + 2;
    if (k + 1 >= m->ns) {
        double temp1 = m->hh, temp2;
        m->beta[0] = m->alpha[0] = m->sigma[0] = 1.0;
        m->gamma[0] = 0.0;
        for (int i = 1; i <= k; ++i) {
            temp2 = m->psi[i - 1];
            m->psi[i - 1] = temp1;
            m->beta[i] = m->beta[i - 1] * m->psi[i - 1] / temp2;
            temp1 = temp2 + m->hh;
            m->alpha[i] = m->hh / temp1;
            m->sigma[i] = i * m->sigma[i - 1] * m->alpha[i];
            m->gamma[i] = m->gamma[i - 1] + m->alpha[i - 1] / m->hh;
        }
        m->psi[k] = temp1;
    }
    double alphas = 0.0, alpha0 = 0.0;
    for (int i = 0; i < k; ++i) {
        alphas -= 1.0 / (i + 1);
        alpha0 -= m->alpha[i];
    }
    m->cjlast = m->cj;
    m->cj = -alphas / m->hh;
    double ck = fabs(m->alpha[k] + alphas - alpha0);
    if (ck < m->alpha[k]) ck = m->alpha[k];
    for (int i = m->ns; i <= k; ++i) scal(m->n, m->beta[i], m->phi[i], m->phi[i]);
    m->tn += m->hh;
    return ck;
}

/* y and y' predicted from phi* */
static void predict(idb_mem* m) {
    scal(m->n, 1.0, m->phi[0], m->yy);
    memset(m->yp, 0, sizeof(double) * m->n);
    for (int j = 1; j <= m->kk; ++j) {
        lin(m->n, 1.0, m->phi[j], 1.0, m->yy, m->yy);
        lin(m->n, m->gamma[j], m->phi[j], 1.0, m->yp, m->yp);
    }
}

/* Newton iteration from the residual in delta; ee accumulates the correction */
static int newton(idb_mem* m) {
    int mnewt = 0, r;
    double oldnrm = 0.0;
    memset(m->ee, 0, sizeof(double) * m->n);
    for (;;) {
        m->nni++;
        scal(m->n, 1.0, m->delta, m->savres);
        r = m->lsolve(m->ldata, m->delta, m->yy, m->yp, m->savres);
        if (r < 0) return IDB_LSOLVE_FAIL;
        if (r > 0) return LSOLVE_RECVR;
        lin(m->n, 1.0, m->yy, -1.0, m->delta, m->yy);
        lin(m->n, 1.0, m->ee, -1.0, m->delta, m->ee);
        lin(m->n, 1.0, m->yp, -m->cj, m->delta, m->yp);
        double delnrm = wrms(m, m->delta);
        if (mnewt == 0) {
            oldnrm = delnrm;
            if (delnrm <= m->toldel) return IDB_SUCCESS;
        } else {
            double rate = pow(delnrm / oldnrm, 1.0 / mnewt);
            if (rate > RATEMAX) return NCONV_RECVR;
            m->ss = rate / (1.0 - rate);
        }
        if (m->ss * delnrm <= m->epsnewt) return IDB_SUCCESS;
        if (++mnewt >= m->maxcor) return NCONV_RECVR;
        r = m->res(m->tn, m->yy, m->yp, m->delta, m->data);
        m->nre++;
        if (r < 0) return IDB_RES_FAIL;
        if (r > 0) return RES_RECVR;
    }
}

/* the nonlinear system of the step: predict, residual, (setup,) Newton; retried once with a
 * fresh setup when an old matrix failed to converge */
static int solve_nonlinear(idb_mem* m) {
    int call_setup = 0;
    if (m->nst == 0) {
        m->cjold = m->cj;
        m->ss = 20.0;
        if (m->lsetup) call_setup = 1;
    }
    if (m->lsetup) {
        m->cjratio = m->cj / m->cjold;
        double lo = (1.0 - XRATE) / (1.0 + XRATE), hi = 1.0 / lo;
        if (m->cjratio < lo || m->cjratio > hi) call_setup = 1;
        if (m->cj != m->cjlast) m->ss = 100.0;
    }
    for (;;) {
        predict(m);
        int r = m->res(m->tn, m->yy, m->yp, m->delta, m->data);
        m->nre++;
        if (r < 0) return IDB_RES_FAIL;
        if (r > 0) return RES_RECVR;
        if (call_setup) {
            m->nsetups++;
            r = m->lsetup(m->ldata, m->yy, m->yp, m->delta);
            m->cjold = m->cj;
            m->cjratio = 1.0;
            m->ss = 20.0;
            if (r < 0) return IDB_LSETUP_FAIL;
            if (r > 0) return LSETUP_RECVR;
        }
        r = newton(m);
        if (r > 0 && m->lsetup && !call_setup) {
            call_setup = 1;
            continue;
        }
        return r;
    }
}

/* local error test; also decides whether order k-1 would do better */
static int test_error(idb_mem* m, double ck, double* est, double* terk, double* terkm1,
                      double* erkm1) {
    int k = m->kk;
    double enorm = wrms(m, m->ee);
    double erk = m->sigma[k] * enorm;
    *terk = (k + 1) * erk;
    *est = erk;
    m->knew = k;
    if (k > 1) {
        lin(m->n, 1.0, m->phi[k], 1.0, m->ee, m->delta);
        *erkm1 = m->sigma[k - 1] * wrms(m, m->delta);
        *terkm1 = k * *erkm1;
        int lower;
        if (k > 2) {
            lin(m->n, 1.0, m->phi[k - 1], 1.0, m->delta, m->delta);
            double terkm2 = (k - 1) * m->sigma[k - 2] * wrms(m, m->delta);
            lower = !(fmax(*terkm1, terkm2) > *terk);
        } else {
            lower = !(*terkm1 > 0.5 * *terk);
        }
        if (lower) {
            m->knew = k - 1;
            *est = *erkm1;
        }
    }
    return ck * enorm > 1.0 ? ERROR_TEST_FAIL : IDB_SUCCESS;
}

/* a failed attempt: restore the history, shrink h (and maybe the order) or give up */
static int handle_failure(idb_mem* m, int nflag, double saved_t, int* ncf, int* nef,
                          double est) {
    m->phase = 1;
    m->tn = saved_t;
    for (int j = m->ns; j <= m->kk; ++j) scal(m->n, 1.0 / m->beta[j], m->phi[j], m->phi[j]);
    for (int j = 1; j <= m->kk; ++j) m->psi[j - 1] = m->psi[j] - m->hh;
    if (nflag != ERROR_TEST_FAIL) {
        (*ncf)++;
        m->ncfn++;
        if (nflag < 0) return nflag;
        if (*ncf >= m->maxncf) return nflag == RES_RECVR ? IDB_REP_RES_ERR : IDB_CONV_FAIL;
        m->rr = 0.25;
        m->hh *= m->rr;
    } else {
        (*nef)++;
        m->netf++;
        if (*nef >= m->maxnef) return IDB_ERR_FAIL;
        if (*nef == 1) {
            m->kk = m->knew;
            m->rr = 0.9 * pow(2.0 * est + 0.0001, -1.0 / (m->kk + 1));
            m->rr = fmax(0.25, fmin(0.9, m->rr));
        } else {
            m->kk = *nef == 2 ? m->knew : 1;
            m->rr = 0.25;
        }
        m->hh *= m->rr;
    }
    if (m->nst == 0) {
        m->psi[0] = m->hh;
        scal(m->n, m->rr, m->phi[1], m->phi[1]);
    }
    return PREDICT_AGAIN;
}

/* order and step for the next step after a successful one; history update */
static void complete_step(idb_mem* m, double est, double terk, double terkm1, double erkm1) {
    m->nst++;
    int kdiff = m->kk - m->kused;
    m->kused = m->kk;
    m->hused = m->hh;
    if (m->knew == m->kk - 1 || m->kk == m->maxord) m->phase = 1;
    if (m->phase == 0) {
        /* start-up: raise the order and double the step until something objects */
        if (m->nst > 1) {
            m->kk++;
            m->hh = 2.0 * m->hh;
        }
    } else {
        int action;
        double erkp1 = 0.0;
        if (m->knew == m->kk - 1) {
            action = LOWER;
        } else if (m->kk == m->maxord || m->kk + 1 >= m->ns || kdiff == 1) {
            action = MAINTAIN;
        } else {
            /* the error at order k+1 from the correction and the highest difference */
            lin(m->n, 1.0, m->ee, -1.0, m->phi[m->kk + 1], m->delta);
            double terkp1 = wrms(m, m->delta);
            erkp1 = terkp1 / (m->kk + 2);
            if (m->kk == 1) {
                action = terkp1 >= 0.5 * terk ? MAINTAIN : RAISE;
            } else if (terkm1 <= fmin(terk, terkp1)) {
                action = LOWER;
            } else {
                action = terkp1 >= terk ? MAINTAIN : RAISE;
            }
        }
        if (action == RAISE) {
            m->kk++;
            est = erkp1;
        } else if (action == LOWER) {
            m->kk--;
            est = erkm1;
        }
        double hnew = m->hh;
        m->rr = pow(2.0 * est + 0.0001, -1.0 / (m->kk + 1));
        if (m->rr >= 2.0) {
            hnew = 2.0 * m->hh;
            double tmp = fabs(hnew) * m->hmax_inv;
            if (tmp > 1.0) hnew /= tmp;
        } else if (m->rr <= 1.0) {
            m->rr = fmax(0.5, fmin(0.9, m->rr));
            hnew = m->hh * m->rr;
        }
        m->hh = hnew;
    }
    /* keep the correction for a possible order increase; update the differences */
    if (m->kused < m->maxord) scal(m->n, 1.0, m->ee, m->phi[m->kused + 1]);
    lin(m->n, 1.0, m->ee, 1.0, m->phi[m->kused], m->phi[m->kused]);
    for (int j = m->kused - 1; j >= 0; --j) lin(m->n, 1.0, m->phi[j], 1.0, m->phi[j + 1], m->phi[j]);
}

static int step(idb_mem* m) {
    double saved_t = m->tn, ck, est = 0.0, terk = 0.0, terkm1 = 0.0, erkm1 = 0.0;
    int ncf = 0, nef = 0;
    if (m->nst == 0) {
        m->kk = 1;
        m->kused = 0;
        m->hused = 0.0;
        m->psi[0] = m->hh;
        m->cj = 1.0 / m->hh;
        m->phase = 0;
        m->ns = 0;
    }
    for (;;) {
        ck = set_coeffs(m);
        int nflag = solve_nonlinear(m);
        if (nflag == IDB_SUCCESS) nflag = test_error(m, ck, &est, &terk, &terkm1, &erkm1);
        if (nflag == IDB_SUCCESS) break;
        int kflag = handle_failure(m, nflag, saved_t, &ncf, &nef, est);
        if (kflag != PREDICT_AGAIN) return kflag;
    }
    complete_step(m, est, terk, terkm1, erkm1);
    return IDB_SUCCESS;
}

/* ---------------------------------------------------------------- driver */

/* first call after (re)initialization: weights, initial step h0 = min(1e-3 |tout - t0|,
 * 0.5 / ||y'0||), limited by hmax and the stop time */
static int first_call(idb_mem* m, double tout) {
    if (idb_ewt_set(m, m->phi[0])) return IDB_ILL_INPUT;
    if (!m->lsolve) return IDB_ILL_INPUT;
    double tdist = fabs(tout - m->tn);
    if (tdist == 0.0 || tdist < 2.0 * m->uround * (fabs(m->tn) + fabs(tout))) return IDB_ILL_INPUT;
    m->hh = m->hin;
    if (m->hh != 0.0 && (tout - m->tn) * m->hh < 0.0) return IDB_ILL_INPUT;
    if (m->hh == 0.0) {
        m->hh = 0.001 * tdist;
        double ypnorm = wrms(m, m->phi[1]);
        if (ypnorm > 0.5 / m->hh) m->hh = 0.5 / ypnorm;
        if (tout < m->tn) m->hh = -m->hh;
    }
    double rh = fabs(m->hh) * m->hmax_inv;
    if (rh > 1.0) m->hh /= rh;
    if (m->tstopset) {
        if ((m->tstop - m->tn) * m->hh < 0.0) return IDB_ILL_INPUT;
        if ((m->tn + m->hh - m->tstop) * m->hh > 0.0) m->hh = m->tstop - m->tn;
    }
    m->h0u = m->hh;
    scal(m->n, m->hh, m->phi[1], m->phi[1]);
    m->kk = 0;
    m->kused = 0;
    m->epsnewt = m->epcon;
    m->toldel = 0.0001 * m->epsnewt;
    m->started = 1;
    return IDB_SUCCESS;
}

static int at_tstop(idb_mem* m) {
    return fabs(m->tn - m->tstop) <= 100.0 * m->uround * (fabs(m->tn) + fabs(m->hh));
}

/* before a step (not the first): is the answer already there? */
static int stop_test_before(idb_mem* m, double tout, double* tret, double* yret, double* ypret,
                            int itask) {
    if (m->tstopset && (m->tn - m->tstop) * m->hh > 0.0) return IDB_ILL_INPUT;
    if (itask == IDB_NORMAL) {
        if (tout == m->tretp) {
            *tret = m->tretp = tout;
            return IDB_SUCCESS;
        }
        if ((m->tn - tout) * m->hh >= 0.0) {
            if (idb_get_solution(m, tout, yret, ypret) != IDB_SUCCESS) return IDB_ILL_INPUT;
            *tret = m->tretp = tout;
            return IDB_SUCCESS;
        }
    } else if ((m->tn - m->tretp) * m->hh > 0.0) {
        idb_get_solution(m, m->tn, yret, ypret);
        *tret = m->tretp = m->tn;
        return IDB_SUCCESS;
    }
    if (m->tstopset) {
        if (at_tstop(m)) {
            if (idb_get_solution(m, m->tstop, yret, ypret) != IDB_SUCCESS) return IDB_ILL_INPUT;
            *tret = m->tretp = m->tstop;
            return IDB_TSTOP_RETURN;
        }
        if ((m->tn + m->hh - m->tstop) * m->hh > 0.0) m->hh = m->tstop - m->tn;
    }
    return CONTINUE_STEPS;
}

/* after a successful step: return or continue (y, y' of the step are already in yret) */
static int stop_test_after(idb_mem* m, double tout, double* tret, double* yret, double* ypret,
                           int itask) {
    if (m->tstopset && at_tstop(m)) {
        idb_get_solution(m, m->tstop, yret, ypret);
        *tret = m->tretp = m->tstop;
        return IDB_TSTOP_RETURN;
    }
    if (itask == IDB_NORMAL && (m->tn - tout) * m->hh >= 0.0) {
        idb_get_solution(m, tout, yret, ypret);
        *tret = m->tretp = tout;
        return IDB_SUCCESS;
    }
    if (m->tstopset && (m->tn + m->hh - m->tstop) * m->hh > 0.0) m->hh = m->tstop - m->tn;
    if (itask == IDB_ONE_STEP) {
        *tret = m->tretp = m->tn;
        return IDB_SUCCESS;
    }
    return CONTINUE_STEPS;
}

/* integrate: IDB_ONE_STEP takes one step (never past a stop time), IDB_NORMAL returns y and
 * y' at tout (interpolated).  yret/ypret receive the solution. */
int idb_solve(idb_mem* m, double tout, double* tret, double* yret, double* ypret, int itask) {
    m->yy = yret;
    m->yp = ypret;
    *tret = m->tretp = m->tn;
    if (itask != IDB_NORMAL && itask != IDB_ONE_STEP) return IDB_ILL_INPUT;
    if (!m->started) {
        int r = first_call(m, tout);
        if (r != IDB_SUCCESS) return r;
    }
    if (m->nst > 0) {
        int r = stop_test_before(m, tout, tret, yret, ypret, itask);
        if (r != CONTINUE_STEPS) return r;
    }
    for (long nstloc = 0;; ++nstloc) {
        if (nstloc >= m->mxstep) {
            *tret = m->tretp = m->tn;
            return IDB_TOO_MUCH_WORK;
        }
        if (m->nst > 0 && idb_ewt_set(m, m->phi[0])) {
            idb_get_solution(m, m->tn, yret, ypret);
            *tret = m->tretp = m->tn;
            return IDB_ILL_INPUT;
        }
        m->tolsf = m->uround * wrms(m, m->phi[0]);
        if (m->tolsf > 1.0) {
            m->tolsf *= 10.0;
            *tret = m->tretp = m->tn;
            if (m->nst > 0) idb_get_solution(m, m->tn, yret, ypret);
            return IDB_TOO_MUCH_ACC;
        }
        int sflag = step(m);
        if (sflag != IDB_SUCCESS) {
            *tret = m->tretp = m->tn;
            idb_get_solution(m, m->tn, yret, ypret);
            return sflag;
        }
        int r = stop_test_after(m, tout, tret, yret, ypret, itask);
        if (r != CONTINUE_STEPS) return r;
    }
}
