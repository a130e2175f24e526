/* cvode_bdf.c -- variable-order, variable-step BDF integrator: the method of SUNDIALS CVODE
 * (Cohen & Hindmarsh 1996; Hindmarsh et al., ACM TOMS 31, 2005; CVODE user guide,
 * "Mathematical considerations"), written for this engine.
 *
 * Nordsieck history zn[j] = h^j y^(j)/j!, fixed-leading-coefficient BDF of order 1..qmax,
 * predictor by the Pascal triangle, corrector by modified Newton iteration with a user
 * linear solve of (I - gamma J) x = b, local error test ||acor * tq2||_wrms <= 1, step and
 * order selection with the bias factors 6 (q-1, q), 10 (q+1), the change threshold 1.5 and
 * growth limits 1e4 (first step), 10 (afterwards).  Error weights 1/(rtol |y_i| + atol_i). */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nrn_mech_abi.h"
#include "engine.h"
#include "cvode_api.h"

/* method constants (CVODE's defaults) */
static const double HLB_FACTOR = 100.0, HUB_FACTOR = 0.1, H_BIAS = 0.5;
static const int MAX_ITERS = 4;
static const double ETAMX1 = 10000.0, ETAMX2 = 10.0, ETAMX3 = 10.0, ETAMXF = 0.2;
static const double ETAMIN = 0.1, ETACF = 0.25, ADDON = 1e-6, THRESH = 1.5;
static const double BIAS1 = 6.0, BIAS2 = 6.0, BIAS3 = 10.0, ONEPSM = 1.000001;
static const double CRDOWN = 0.3, DGMAX = 0.3, RDIV = 2.0, CORTES = 0.1;
static const double FUZZ_FACTOR = 100.0;
static const int SMALL_NST = 10, MXNEF1 = 3, SMALL_NEF = 2, LONG_WAIT = 10, MSBP = 20;

enum { FIRST_CALL = 0, PREV_CONV_FAIL = 1, PREV_ERR_FAIL = 2 };
enum { DO_ERROR_TEST = 2, PREDICT_AGAIN = 3, CONV_FAIL = 4, TRY_AGAIN = 5, RHSFUNC_RECVR = 9 };
enum { NO_FAILURES = 0, FAIL_BAD_J = 1, FAIL_OTHER = 2 };

/* ------------------------------------------------------------------ vector helpers */

double cvb_wrms(int n, double* x, double* w) {
    double sum = 0.0;
    for (int i = 0; i < n; ++i) {
        double p = x[i] * w[i];
        sum += p * p;
    }
    return sqrt(sum / (double)n);
}

/* z = a x + b y with CVODE's special cases (so the rounding is that of CVODE) */
static void lin_sum(int n, double a, const double* x, double b, const double* y, double* z) {
    if (b == 1.0 && z == y) {
        if (a == 1.0) {
            for (int i = 0; i < n; ++i) z[i] += x[i];
        } else if (a == -1.0) {
            for (int i = 0; i < n; ++i) z[i] -= x[i];
        } else {
            for (int i = 0; i < n; ++i) z[i] += a * x[i];
        }
        return;
    }
    if (a == 1.0 && b == 1.0) {
        for (int i = 0; i < n; ++i) z[i] = x[i] + y[i];
    } else if (a == 1.0 && b == -1.0) {
        for (int i = 0; i < n; ++i) z[i] = x[i] - y[i];
    } else if (a == -1.0 && b == 1.0) {
        for (int i = 0; i < n; ++i) z[i] = y[i] - x[i];
    } else if (a == 1.0) {
        for (int i = 0; i < n; ++i) z[i] = x[i] + b * y[i];
    } else if (b == 1.0) {
        for (int i = 0; i < n; ++i) z[i] = a * x[i] + y[i];
    } else if (a == -1.0) {
        for (int i = 0; i < n; ++i) z[i] = b * y[i] - x[i];
    } else if (b == -1.0) {
        for (int i = 0; i < n; ++i) z[i] = a * x[i] - y[i];
    } else {
        for (int i = 0; i < n; ++i) z[i] = a * x[i] + b * y[i];
    }
}

static void scale(int n, double c, const double* x, double* z) {
    if (c == 1.0) {
        if (z != x) memcpy(z, x, sizeof(double) * n);
    } else if (c == -1.0) {
        for (int i = 0; i < n; ++i) z[i] = -x[i];
    } else {
        for (int i = 0; i < n; ++i) z[i] = c * x[i];
    }
}

static double rpowi(double base, int e) {
    double p = 1.0;
    int a = e < 0 ? -e : e;
    for (int i = 1; i <= a; ++i) p *= base;
    return e < 0 ? 1.0 / p : p;
}

static double rpowr(double base, double e) { return base <= 0.0 ? 0.0 : pow(base, e); }

/* ewt = 1/(rtol |y| + atol); fails when a weight would be infinite */
static int ewt_set(cvb_mem* m, const double* y) {
    for (int i = 0; i < m->n; ++i) {
        double tol = m->rtol * fabs(y[i]) + m->atol[i];
        if (tol <= 0.0) {
            return -1;
        }
        m->ewt[i] = 1.0 / tol;
    }
    return 0;
}

/* ---------------------------------------------------------------------- setup */

int cvb_alloc(cvb_mem* m, int n, int qmax) {
    memset(m, 0, sizeof(*m));
    if (n <= 0 || qmax < 1 || qmax > CVB_QMAX) {
        return CVB_ILL_INPUT;
    }
    int nvec = (qmax + 1) + 5;
    m->block = malloc(sizeof(double) * (size_t)n * nvec);
    if (!m->block) {
        return CVB_ILL_INPUT;
    }
    memset(m->block, 0, sizeof(double) * (size_t)n * nvec);
    m->n = n;
    m->qmax = qmax;
    for (int j = 0; j <= qmax; ++j) {
        m->zn[j] = m->block + (size_t)j * n;
    }
    double* p = m->block + (size_t)(qmax + 1) * n;
    m->ewt = p; p += n;
    m->acor = p; p += n;
    m->y = p; p += n;
    m->tempv = p; p += n;
    m->ftemp = p;
    m->uround = DBL_EPSILON;
    m->maxcor = 3;
    m->maxnef = 7;
    m->maxncf = 10;
    m->mxstep = 500;
    m->nlscoef = CORTES;
    m->hmin = 0.0;
    m->hmax_inv = 0.0;
    return CVB_SUCCESS;
}

void cvb_free(cvb_mem* m) {
    free(m->block);
    m->block = NULL;
    m->n = 0;
}

int cvb_reinit(cvb_mem* m, double t0, double* y0) {
    memcpy(m->zn[0], y0, sizeof(double) * m->n);
    m->tn = t0;
    m->q = 1;
    m->L = 2;
    m->qwait = m->L;
    m->etamax = ETAMX1;
    m->qu = 0;
    m->hu = 0.0;
    m->h = 0.0;
    m->hprime = 0.0;
    m->next_h = 0.0;
    m->eta = 1.0;
    m->tretlast = t0;
    m->saved_tq5 = 0.0;
    m->indx_acor = m->qmax;
    m->nst = m->nfe = m->ncfn = m->netf = m->nni = m->nsetups = 0;
    m->nstlp = m->nscon = m->nhnil = m->nlsolve = 0;
    m->crate = 1.0;
    m->gamma = m->gammap = 0.0;
    m->gamrat = 1.0;
    m->tstopset = 0;
    m->initialized = 0;
    for (int i = 0; i < 7; ++i) m->tau[i] = 0.0;
    for (int i = 0; i < 6; ++i) m->tq[i] = m->l[i] = 0.0;
    return CVB_SUCCESS;
}

void cvb_set_stop_time(cvb_mem* m, double tstop) {
    m->tstop = tstop;
    m->tstopset = 1;
}

/* --------------------------------------------------------------- initial step */

/* ||y''|| estimated by a difference of f along the initial slope */
static int ydd_norm(cvb_mem* m, double hg, double* yddnrm) {
    lin_sum(m->n, hg, m->zn[1], 1.0, m->zn[0], m->y);
    int r = m->f(m->tn + hg, m->y, m->tempv, m->data);
    m->nfe++;
    if (r != 0) {
        return r;
    }
    lin_sum(m->n, 1.0, m->tempv, -1.0, m->zn[1], m->tempv);
    scale(m->n, 1.0 / hg, m->tempv, m->tempv);
    *yddnrm = cvb_wrms(m->n, m->tempv, m->ewt);
    return 0;
}

static double upper_bound_h0(cvb_mem* m, double tdist) {
    double hub_inv = 0.0;
    for (int i = 0; i < m->n; ++i) {
        double tol = HUB_FACTOR * fabs(m->zn[0][i]) + 1.0 / m->ewt[i];
        double r = fabs(m->zn[1][i]) / tol;
        if (r > hub_inv) hub_inv = r;
    }
    double hub = HUB_FACTOR * tdist;
    if (hub * hub_inv > 1.0) {
        hub = 1.0 / hub_inv;
    }
    return hub;
}

static int initial_h(cvb_mem* m, double tout) {
    double tdiff = tout - m->tn;
    if (tdiff == 0.0) {
        return CVB_TOO_CLOSE;
    }
    int sign = tdiff > 0.0 ? 1 : -1;
    double tdist = fabs(tdiff);
    double tround = m->uround * fmax(fabs(m->tn), fabs(tout));
    if (tdist < 2.0 * tround) {
        return CVB_TOO_CLOSE;
    }
    double hlb = HLB_FACTOR * tround;
    double hub = upper_bound_h0(m, tdist);
    double hg = sqrt(hlb * hub);
    if (hub < hlb) {
        m->h = sign == -1 ? -hg : hg;
        return CVB_SUCCESS;
    }
    double hnew = hg, yddnrm = 0.0;
    int count = 0;
    for (;;) {
        int r = ydd_norm(m, hg * sign, &yddnrm);
        if (r < 0) {
            return CVB_RHSFUNC_FAIL;
        }
        if (r > 0) { /* recoverable: try a smaller step */
            hg *= 0.2;
            if (++count >= MAX_ITERS) return CVB_RHSFUNC_FAIL;
            continue;
        }
        hnew = (yddnrm * hub * hub > 2.0) ? sqrt(2.0 / yddnrm) : sqrt(hg * hub);
        count++;
        if (count >= MAX_ITERS) break;
        double hrat = hnew / hg;
        if (hrat > 0.5 && hrat < 2.0) break;
        if (count >= 2 && hrat > 2.0) {
            hnew = hg;
            break;
        }
        hg = hnew;
    }
    double h0 = H_BIAS * hnew;
    if (h0 < hlb) h0 = hlb;
    if (h0 > hub) h0 = hub;
    m->h = sign == -1 ? -h0 : h0;
    return CVB_SUCCESS;
}

/* ------------------------------------------------------------ BDF coefficients */

static void set_tq(cvb_mem* m, double hsum, double alpha0, double alpha0_hat, double xi_inv,
                   double xistar_inv) {
    int q = m->q;
    double A1 = 1.0 - alpha0_hat + alpha0;
    double A2 = 1.0 + q * A1;
    m->tq[2] = fabs(alpha0 * (A2 / A1));
    m->tq[5] = fabs(A2 / (m->l[q] * xi_inv / xistar_inv));
    if (m->qwait == 1) {
        double C = xistar_inv / m->l[q];
        double A3 = alpha0 + 1.0 / q;
        double A4 = alpha0_hat + xi_inv;
        double Cprime = A3 / (1.0 - A4 + A3);
        m->tq[1] = fabs(Cprime / C);
        hsum += m->tau[q];
        xi_inv = m->h / hsum;
        double A5 = alpha0 - 1.0 / (q + 1);
        double A6 = alpha0_hat - xi_inv;
        double Cpp = A2 / (1.0 - A6 + A5);
        m->tq[3] = fabs(Cpp * xi_inv * (q + 2) * A5);
    }
    m->tq[4] = m->nlscoef * m->tq[2];
}

/* l: coefficients of the corrector polynomial; tq: error test quantities */
static void set_bdf(cvb_mem* m) {
    int q = m->q;
    double alpha0, alpha0_hat, xi_inv, xistar_inv, hsum;
    m->l[0] = m->l[1] = xi_inv = xistar_inv = 1.0;
    for (int i = 2; i <= q; ++i) m->l[i] = 0.0;
    alpha0 = alpha0_hat = -1.0;
    hsum = m->h;
    if (q > 1) {
        for (int j = 2; j < q; ++j) {
            hsum += m->tau[j - 1];
            xi_inv = m->h / hsum;
            alpha0 -= 1.0 / j;
            for (int i = j; i >= 1; --i) m->l[i] += m->l[i - 1] * xi_inv;
        }
        alpha0 -= 1.0 / q;
        xistar_inv = -m->l[1] - alpha0;
        hsum += m->tau[q - 1];
        xi_inv = m->h / hsum;
        alpha0_hat = -m->l[1] - xi_inv;
        for (int i = q; i >= 1; --i) m->l[i] += m->l[i - 1] * xistar_inv;
    }
    set_tq(m, hsum, alpha0, alpha0_hat, xi_inv, xistar_inv);
}

static void cv_set(cvb_mem* m) {
    set_bdf(m);
    m->rl1 = 1.0 / m->l[1];
    m->gamma = m->h * m->rl1;
    if (m->nst == 0) {
        m->gammap = m->gamma;
    }
    m->gamrat = m->nst > 0 ? m->gamma / m->gammap : 1.0;
}

/* ------------------------------------------------------------- history updates */

static void predict(cvb_mem* m) {
    m->tn += m->h;
    if (m->tstopset && (m->tn - m->tstop) * m->h > 0.0) {
        m->tn = m->tstop;
    }
    for (int k = 1; k <= m->q; ++k)
        for (int j = m->q; j >= k; --j) lin_sum(m->n, 1.0, m->zn[j], 1.0, m->zn[j - 1], m->zn[j - 1]);
}

static void restore(cvb_mem* m, double saved_t) {
    m->tn = saved_t;
    for (int k = 1; k <= m->q; ++k)
        for (int j = m->q; j >= k; --j) lin_sum(m->n, -1.0, m->zn[j], 1.0, m->zn[j - 1], m->zn[j - 1]);
}

static void rescale(cvb_mem* m) {
    double factor = m->eta;
    for (int j = 1; j <= m->q; ++j) {
        scale(m->n, factor, m->zn[j], m->zn[j]);
        factor *= m->eta;
    }
    m->h = m->hscale * m->eta;
    m->next_h = m->h;
    m->hscale = m->h;
    m->nscon = 0;
}

static void increase_bdf(cvb_mem* m) {
    int q = m->q;
    double alpha0, alpha1, prod, xi, xiold, hsum, A1;
    for (int j = 0; j <= m->qmax; ++j) m->l[j] = 0.0;
    m->l[2] = alpha1 = prod = xiold = 1.0;
    alpha0 = -1.0;
    hsum = m->hscale;
    if (q > 1) {
        for (int j = 1; j < q; ++j) {
            hsum += m->tau[j + 1];
            xi = hsum / m->hscale;
            prod *= xi;
            alpha0 -= 1.0 / (j + 1);
            alpha1 += 1.0 / xi;
            for (int i = j + 2; i >= 2; --i) m->l[i] = m->l[i] * xiold + m->l[i - 1];
            xiold = xi;
        }
    }
    A1 = (-alpha0 - alpha1) / prod;
    /* zn[L] = A1 * acor saved in zn[qmax]; zn[j] += l[j] zn[L] */
    scale(m->n, A1, m->zn[m->indx_acor], m->zn[m->L]);
    for (int j = 2; j <= q; ++j) lin_sum(m->n, m->l[j], m->zn[m->L], 1.0, m->zn[j], m->zn[j]);
}

static void decrease_bdf(cvb_mem* m) {
    int q = m->q;
    double hsum, xi;
    for (int j = 0; j <= m->qmax; ++j) m->l[j] = 0.0;
    m->l[2] = 1.0;
    hsum = 0.0;
    for (int j = 1; j <= q - 2; ++j) {
        hsum += m->tau[j];
        xi = hsum / m->hscale;
        for (int i = j + 2; i >= 2; --i) m->l[i] = m->l[i] * xi + m->l[i - 1];
    }
    for (int j = 2; j < q; ++j) lin_sum(m->n, -m->l[j], m->zn[q], 1.0, m->zn[j], m->zn[j]);
}

static void adjust_order(cvb_mem* m, int deltaq) {
    if (m->q == 2 && deltaq != 1) {
        return; /* order 2 -> 1 needs no history change for BDF */
    }
    if (deltaq == 1) increase_bdf(m);
    else decrease_bdf(m);
}

static void adjust_params(cvb_mem* m) {
    if (m->qprime != m->q) {
        adjust_order(m, m->qprime - m->q);
        m->q = m->qprime;
        m->L = m->q + 1;
        m->qwait = m->L;
    }
    rescale(m);
}

/* ---------------------------------------------------------------- corrector */

static int newton_iteration(cvb_mem* m) {
    int mm = 0;
    double del = 0.0, delp = 0.0;
    for (;;) {
        /* residual b = gamma f(y) - (rl1 zn[1] + acor) */
        lin_sum(m->n, m->rl1, m->zn[1], 1.0, m->acor, m->tempv);
        lin_sum(m->n, m->gamma, m->ftemp, -1.0, m->tempv, m->tempv);
        int r = m->lsolve(m->ldata, m->tempv, m->y, m->ftemp, m->gamma, m->gamrat);
        m->nni++;
        if (r < 0) return CVB_LSOLVE_FAIL;
        if (r > 0) return (!m->jcur && m->lsetup) ? TRY_AGAIN : CONV_FAIL;
        del = cvb_wrms(m->n, m->tempv, m->ewt);
        lin_sum(m->n, 1.0, m->acor, 1.0, m->tempv, m->acor);
        lin_sum(m->n, 1.0, m->zn[0], 1.0, m->acor, m->y);
        if (mm > 0) {
            m->crate = fmax(CRDOWN * m->crate, del / delp);
        }
        double dcon = del * fmin(1.0, m->crate) / m->tq[4];
        if (dcon <= 1.0) {
            m->acnrm = (mm == 0) ? del : cvb_wrms(m->n, m->acor, m->ewt);
            m->jcur = 0;
            return CVB_SUCCESS;
        }
        ++mm;
        if (mm == m->maxcor || (mm >= 2 && del > RDIV * delp)) {
            return (!m->jcur && m->lsetup) ? TRY_AGAIN : CONV_FAIL;
        }
        delp = del;
        r = m->f(m->tn, m->y, m->ftemp, m->data);
        m->nfe++;
        if (r < 0) return CVB_RHSFUNC_FAIL;
        if (r > 0) return (!m->jcur && m->lsetup) ? TRY_AGAIN : RHSFUNC_RECVR;
    }
}

static int functional_iteration(cvb_mem* m) {
    int mm = 0;
    double del, delp = 0.0;
    memset(m->acor, 0, sizeof(double) * m->n);
    int r = m->f(m->tn, m->zn[0], m->tempv, m->data);
    m->nfe++;
    if (r < 0) return CVB_RHSFUNC_FAIL;
    if (r > 0) return RHSFUNC_RECVR;
    for (;;) {
        /* y = zn[0] + rl1 (h f - zn[1]) */
        lin_sum(m->n, m->h, m->tempv, -1.0, m->zn[1], m->tempv);
        scale(m->n, m->rl1, m->tempv, m->tempv);
        lin_sum(m->n, 1.0, m->zn[0], 1.0, m->tempv, m->y);
        lin_sum(m->n, 1.0, m->tempv, -1.0, m->acor, m->acor);
        del = cvb_wrms(m->n, m->acor, m->ewt);
        memcpy(m->acor, m->tempv, sizeof(double) * m->n);
        if (mm > 0) m->crate = fmax(CRDOWN * m->crate, del / delp);
        double dcon = del * fmin(1.0, m->crate) / m->tq[4];
        if (dcon <= 1.0) {
            m->acnrm = (mm == 0) ? del : cvb_wrms(m->n, m->acor, m->ewt);
            return CVB_SUCCESS;
        }
        ++mm;
        if (mm == m->maxcor || (mm >= 2 && del > RDIV * delp)) return CONV_FAIL;
        delp = del;
        r = m->f(m->tn, m->y, m->tempv, m->data);
        m->nfe++;
        if (r < 0) return CVB_RHSFUNC_FAIL;
        if (r > 0) return RHSFUNC_RECVR;
    }
}

static int nonlinear_solve(cvb_mem* m, int nflag) {
    if (!m->lsolve) {
        m->crate = 1.0;
        return functional_iteration(m);
    }
    int convfail = (nflag == FIRST_CALL || nflag == PREV_ERR_FAIL) ? NO_FAILURES : FAIL_OTHER;
    int call_setup = 0;
    if (m->lsetup) {
        call_setup = nflag == PREV_CONV_FAIL || nflag == PREV_ERR_FAIL || m->nst == 0 ||
                     m->nst >= m->nstlp + MSBP || fabs(m->gamrat - 1.0) > DGMAX;
    } else {
        m->crate = 1.0;
    }
    for (;;) {
        int r = m->f(m->tn, m->zn[0], m->ftemp, m->data);
        m->nfe++;
        if (r < 0) return CVB_RHSFUNC_FAIL;
        if (r > 0) return RHSFUNC_RECVR;
        if (call_setup) {
            int ier = m->lsetup(m->ldata, convfail, m->zn[0], m->ftemp, &m->jcur, m->gamma);
            m->nsetups++;
            call_setup = 0;
            m->gamrat = m->crate = 1.0;
            m->gammap = m->gamma;
            m->nstlp = m->nst;
            if (ier < 0) return CVB_LSETUP_FAIL;
            if (ier > 0) return CONV_FAIL;
        }
        memset(m->acor, 0, sizeof(double) * m->n);
        memcpy(m->y, m->zn[0], sizeof(double) * m->n);
        int ier = newton_iteration(m);
        if (ier != TRY_AGAIN) return ier;
        call_setup = 1;
        convfail = FAIL_BAD_J;
    }
}

static int handle_nflag(cvb_mem* m, int* nflag, double saved_t, int* ncf) {
    if (*nflag == CVB_SUCCESS) return DO_ERROR_TEST;
    m->ncfn++;
    restore(m, saved_t);
    if (*nflag == CVB_LSETUP_FAIL || *nflag == CVB_LSOLVE_FAIL || *nflag == CVB_RHSFUNC_FAIL) {
        return *nflag;
    }
    (*ncf)++;
    m->etamax = 1.0;
    if (fabs(m->h) <= m->hmin * ONEPSM || *ncf == m->maxncf) {
        return CVB_CONV_FAILURE;
    }
    m->eta = fmax(ETACF, m->hmin / fabs(m->h));
    *nflag = PREV_CONV_FAIL;
    rescale(m);
    return PREDICT_AGAIN;
}

static int error_test(cvb_mem* m, int* nflag, double saved_t, int* nef, double* dsm) {
    *dsm = m->acnrm / m->tq[2];
    if (*dsm <= 1.0) return CVB_SUCCESS;
    (*nef)++;
    m->netf++;
    *nflag = PREV_ERR_FAIL;
    restore(m, saved_t);
    if (fabs(m->h) <= m->hmin * ONEPSM || *nef == m->maxnef) return CVB_ERR_FAILURE;
    m->etamax = 1.0;
    if (*nef <= MXNEF1) {
        m->eta = 1.0 / (rpowr(BIAS2 * (*dsm), 1.0 / m->L) + ADDON);
        m->eta = fmax(ETAMIN, fmax(m->eta, m->hmin / fabs(m->h)));
        if (*nef >= SMALL_NEF) m->eta = fmin(m->eta, ETAMXF);
        rescale(m);
        return TRY_AGAIN;
    }
    if (m->q > 1) {
        m->eta = fmax(ETAMIN, m->hmin / fabs(m->h));
        adjust_order(m, -1);
        m->L = m->q;
        m->q--;
        m->qwait = m->L;
        rescale(m);
        return TRY_AGAIN;
    }
    /* order 1 and repeated failures: restart the history from f */
    m->eta = fmax(ETAMIN, m->hmin / fabs(m->h));
    m->h *= m->eta;
    m->next_h = m->h;
    m->hscale = m->h;
    m->qwait = LONG_WAIT;
    m->nscon = 0;
    int r = m->f(m->tn, m->zn[0], m->tempv, m->data);
    m->nfe++;
    if (r != 0) return CVB_RHSFUNC_FAIL;
    scale(m->n, m->h, m->tempv, m->zn[1]);
    return TRY_AGAIN;
}

static void complete_step(cvb_mem* m) {
    m->nst++;
    m->nscon++;
    m->hu = m->h;
    m->qu = m->q;
    for (int i = m->q; i >= 2; --i) m->tau[i] = m->tau[i - 1];
    if (m->q == 1 && m->nst > 1) m->tau[2] = m->tau[1];
    m->tau[1] = m->h;
    for (int j = 0; j <= m->q; ++j) lin_sum(m->n, m->l[j], m->acor, 1.0, m->zn[j], m->zn[j]);
    m->qwait--;
    if (m->qwait == 1 && m->q != m->qmax) {
        memcpy(m->zn[m->qmax], m->acor, sizeof(double) * m->n);
        m->saved_tq5 = m->tq[5];
        m->indx_acor = m->qmax;
    }
}

static void set_eta(cvb_mem* m) {
    if (m->eta < THRESH) {
        m->eta = 1.0;
        m->hprime = m->h;
    } else {
        m->eta = fmin(m->eta, m->etamax);
        m->eta /= fmax(1.0, fabs(m->h) * m->hmax_inv * m->eta);
        m->hprime = m->h * m->eta;
        if (m->qprime < m->q) m->nscon = 0;
    }
}

static double eta_qm1(cvb_mem* m) {
    m->etaqm1 = 0.0;
    if (m->q > 1) {
        double ddn = cvb_wrms(m->n, m->zn[m->q], m->ewt) / m->tq[1];
        m->etaqm1 = 1.0 / (rpowr(BIAS1 * ddn, 1.0 / m->q) + ADDON);
    }
    return m->etaqm1;
}

static double eta_qp1(cvb_mem* m) {
    m->etaqp1 = 0.0;
    if (m->q != m->qmax) {
        if (m->saved_tq5 == 0.0) return m->etaqp1;
        double cquot = (m->tq[5] / m->saved_tq5) * rpowi(m->h / m->tau[2], m->L);
        lin_sum(m->n, -cquot, m->zn[m->qmax], 1.0, m->acor, m->tempv);
        double dup = cvb_wrms(m->n, m->tempv, m->ewt) / m->tq[3];
        m->etaqp1 = 1.0 / (rpowr(BIAS3 * dup, 1.0 / (m->L + 1)) + ADDON);
    }
    return m->etaqp1;
}

static void choose_eta(cvb_mem* m) {
    double etam = fmax(m->etaqm1, fmax(m->etaq, m->etaqp1));
    if (etam < THRESH) {
        m->eta = 1.0;
        m->qprime = m->q;
        return;
    }
    if (etam == m->etaq) {
        m->eta = m->etaq;
        m->qprime = m->q;
    } else if (etam == m->etaqm1) {
        m->eta = m->etaqm1;
        m->qprime = m->q - 1;
    } else {
        m->eta = m->etaqp1;
        m->qprime = m->q + 1;
        /* the correction of this step becomes the new highest difference */
        memcpy(m->zn[m->qmax], m->acor, sizeof(double) * m->n);
    }
}

static void prepare_next_step(cvb_mem* m, double dsm) {
    if (m->etamax == 1.0) {
        m->qwait = m->qwait > 2 ? m->qwait : 2;
        m->qprime = m->q;
        m->hprime = m->h;
        m->eta = 1.0;
        return;
    }
    m->etaq = 1.0 / (rpowr(BIAS2 * dsm, 1.0 / m->L) + ADDON);
    if (m->qwait != 0) {
        m->eta = m->etaq;
        m->qprime = m->q;
        set_eta(m);
        return;
    }
    m->qwait = 2;
    eta_qm1(m);
    eta_qp1(m);
    choose_eta(m);
    set_eta(m);
}

static int step(cvb_mem* m) {
    double saved_t = m->tn, dsm = 0.0;
    int ncf = 0, nef = 0, nflag = FIRST_CALL;
    if (m->nst > 0 && m->hprime != m->h) {
        adjust_params(m);
    }
    for (;;) {
        predict(m);
        cv_set(m);
        nflag = nonlinear_solve(m, nflag);
        int kflag = handle_nflag(m, &nflag, saved_t, &ncf);
        if (kflag == PREDICT_AGAIN) continue;
        if (kflag != DO_ERROR_TEST) return kflag;
        int eflag = error_test(m, &nflag, saved_t, &nef, &dsm);
        if (eflag == TRY_AGAIN) continue;
        if (eflag != CVB_SUCCESS) return eflag;
        break;
    }
    complete_step(m);
    prepare_next_step(m, dsm);
    m->etamax = (m->nst <= SMALL_NST) ? ETAMX2 : ETAMX3;
    scale(m->n, 1.0 / m->tq[2], m->acor, m->acor);
    return CVB_SUCCESS;
}

/* ------------------------------------------------------------- interpolation */

int cvb_get_dky(cvb_mem* m, double t, int k, double* dky) {
    if (k < 0 || k > m->q) return CVB_ILL_INPUT;
    double tfuzz = FUZZ_FACTOR * m->uround * (fabs(m->tn) + fabs(m->hu));
    if (m->hu < 0.0) tfuzz = -tfuzz;
    double tp = m->tn - m->hu - tfuzz;
    double tn1 = m->tn + tfuzz;
    if ((t - tp) * (t - tn1) > 0.0) return CVB_BAD_T;
    double s = (t - m->tn) / m->h;
    for (int j = m->q; j >= k; --j) {
        double c = 1.0;
        for (int i = j; i >= j - k + 1; --i) c *= i;
        if (j == m->q) scale(m->n, c, m->zn[m->q], dky);
        else lin_sum(m->n, c, m->zn[j], s, dky, dky);
    }
    if (k == 0) return CVB_SUCCESS;
    scale(m->n, rpowi(m->h, -k), dky, dky);
    return CVB_SUCCESS;
}

/* ---------------------------------------------------------------- driver */

static int first_call(cvb_mem* m, double tout) {
    if (ewt_set(m, m->zn[0])) return CVB_ILL_INPUT;
    int r = m->f(m->tn, m->zn[0], m->zn[1], m->data);
    m->nfe++;
    if (r != 0) return CVB_RHSFUNC_FAIL;
    if (m->tstopset && (m->tstop - m->tn) * (tout - m->tn) <= 0.0) return CVB_ILL_INPUT;
    m->h = m->hin;
    if (m->h != 0.0 && (tout - m->tn) * m->h < 0.0) return CVB_ILL_INPUT;
    if (m->h == 0.0) {
        r = initial_h(m, tout);
        if (r != CVB_SUCCESS) return r;
    }
    double rh = fabs(m->h) * m->hmax_inv;
    if (rh > 1.0) m->h /= rh;
    if (fabs(m->h) < m->hmin) m->h *= m->hmin / fabs(m->h);
    if (m->tstopset && (m->tn + m->h - m->tstop) * m->h > 0.0) {
        m->h = (m->tstop - m->tn);
    }
    m->hscale = m->h;
    m->h0u = m->h;
    m->hprime = m->h;
    scale(m->n, m->h, m->zn[1], m->zn[1]);
    m->initialized = 1;
    return CVB_SUCCESS;
}

int cvb_solve(cvb_mem* m, double tout, double* yout, double* tret, int itask) {
    if (!m->initialized) {
        int r = first_call(m, tout);
        if (r != CVB_SUCCESS) return r;
    } else {
        double troundoff = FUZZ_FACTOR * m->uround * (fabs(m->tn) + fabs(m->h));
        if (itask == CVB_NORMAL && (m->tn - tout) * m->h >= 0.0) {
            *tret = m->tretlast = tout;
            return cvb_get_dky(m, tout, 0, yout) == CVB_SUCCESS ? CVB_SUCCESS : CVB_BAD_T;
        }
        if (m->tstopset) {
            if (fabs(m->tn - m->tstop) <= troundoff) {
                if (cvb_get_dky(m, m->tstop, 0, yout) != CVB_SUCCESS) return CVB_BAD_T;
                *tret = m->tretlast = m->tstop;
                m->tstopset = 0;
                return CVB_TSTOP_RETURN;
            }
            if ((m->tn + m->hprime - m->tstop) * m->h > 0.0) {
                m->hprime = (m->tstop - m->tn);
                m->eta = m->hprime / m->h;
            }
        }
    }
    int nstloc = 0;
    for (;;) {
        m->next_h = m->h;
        m->next_q = m->q;
        if (m->nst > 0 && ewt_set(m, m->zn[0])) return CVB_ILL_INPUT;
        if (m->mxstep > 0 && nstloc >= m->mxstep) {
            *tret = m->tretlast = m->tn;
            memcpy(yout, m->zn[0], sizeof(double) * m->n);
            return CVB_TOO_MUCH_WORK;
        }
        if (m->uround * cvb_wrms(m->n, m->zn[0], m->ewt) > 1.0) {
            return CVB_TOO_MUCH_ACC;
        }
        if (m->tn + m->h == m->tn) m->nhnil++;
        int kflag = step(m);
        if (kflag != CVB_SUCCESS) {
            *tret = m->tretlast = m->tn;
            memcpy(yout, m->zn[0], sizeof(double) * m->n);
            return kflag;
        }
        nstloc++;
        if (itask == CVB_NORMAL && (m->tn - tout) * m->h >= 0.0) {
            *tret = m->tretlast = tout;
            cvb_get_dky(m, tout, 0, yout);
            m->next_q = m->qprime;
            m->next_h = m->hprime;
            return CVB_SUCCESS;
        }
        if (m->tstopset) {
            double troundoff = FUZZ_FACTOR * m->uround * (fabs(m->tn) + fabs(m->h));
            if (fabs(m->tn - m->tstop) <= troundoff) {
                cvb_get_dky(m, m->tstop, 0, yout);
                *tret = m->tretlast = m->tstop;
                m->tstopset = 0;
                return CVB_TSTOP_RETURN;
            }
            if ((m->tn + m->hprime - m->tstop) * m->h > 0.0) {
                m->hprime = (m->tstop - m->tn);
                m->eta = m->hprime / m->h;
            }
        }
        if (itask == CVB_ONE_STEP) {
            *tret = m->tretlast = m->tn;
            memcpy(yout, m->zn[0], sizeof(double) * m->n);
            m->next_q = m->qprime;
            m->next_h = m->hprime;
            return CVB_SUCCESS;
        }
    }
}
