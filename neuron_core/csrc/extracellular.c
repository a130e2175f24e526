/* extracellular.c -- NEURON's extracellular mechanism: nlayer potentials vx[k] around each
 * node, coupled to the membrane (layer 0), to each other and to ground through xg/xc, and
 * along the cable through xraxial.
 *
 * Unknowns at a node with extracellular: [dvi, dvx0, ..., dvx(nl-1)] (internal potential and
 * layer potentials); other nodes keep the single dv.  The matrix keeps the tree structure, so it
 * is solved by block elimination from the leaves (small dense blocks), equal to NEURON's sparse
 * solution of the same equations.  Current balance (mA/cm2):
 *   internal: cm dvm/dt + i(vm) = is(vi) + axial(vi)        vi = vm + vx0
 *   layer 0:  xc0 d(vx0-vx1)/dt + xg0 (vx0-vx1) = cm dvm/dt + i(vm) + axial(vx0)
 *   last:     ... + xg (vx - e_extracellular) to ground.                                   */
#include "engine_int.h"

#define X (nrn_eng.ext)
#define NL (X->nlayer)
#define VX(k, i) X->vx[(k) * n + (i)]
#define ER(k, i) X->rhs[(k) * n + (i)]
#define ED(k, i) X->d[(k) * n + (i)]
#define X12(k, i) X->x12[(k) * n + (i)]
#define AX(k, i) X->ax[(k) * n + (i)]
#define BX(k, i) X->bx[(k) * n + (i)]

/* mechanism columns: xraxial[nl], xg[nl], xc[nl], e_extracellular, i_membrane, sav_g, sav_rhs */
static double par(int row, int col) { return row >= 0 ? X->p[col * X->stride + row] : 0.0; }
static double* parp(int row, int col) { return &X->p[col * X->stride + row]; }
#define XG(row, k) par(row, NL + (k))
#define XC(row, k) par(row, 2 * NL + (k))
#define EEXT(row) par(row, 3 * NL)
#define C_IMEM (3 * NL + 1)
#define C_SAVG (3 * NL + 2)
#define C_SAVRHS (3 * NL + 3)

static int has(int i) { return X->row[i] != -2; }

void nrn_ext_begin(void) {
    const int n = nrn_eng.nnode;
    memset(X->rhs, 0, sizeof(double) * NL * n);
    memset(X->d, 0, sizeof(double) * NL * n);
    memset(X->x12, 0, sizeof(double) * NL * n);
}

void nrn_ext_electrode(int nd, double i_rhs, double g) {
    const int n = nrn_eng.nnode;
    ER(0, nd) += i_rhs;
    ED(0, nd) += g;
}

void nrn_ext_rhs(void) {
    nrn_engine* e = &nrn_eng;
    const int n = e->nnode;
    double* rhs = e->ctx.rhs;
    for (int i = 0; i < n; ++i) {
        if (!has(i)) {
            continue;
        }
        ER(0, i) -= rhs[i]; /* now the membrane current i(vm) */
        if (X->row[i] >= 0) {
            *parp(X->row[i], C_SAVRHS) = ER(0, i);
        }
    }
    for (int i = 0; i < n; ++i) {
        int p = e->parent[i];
        if (p < 0) {
            continue;
        }
        if (!has(i)) {
            if (has(p)) { /* child without extracellular of a node with it */
                double dv = VX(0, p);
                rhs[i] -= e->b[i] * dv;
                rhs[p] += e->a[i] * dv;
            }
            continue;
        }
        if (has(p)) {
            for (int k = 0; k < NL; ++k) {
                double dv = VX(k, p) - VX(k, i);
                ER(k, i) -= BX(k, i) * dv;
                ER(k, p) += AX(k, i) * dv;
                if (k == 0) {
                    rhs[i] -= e->b[i] * dv;
                    rhs[p] += e->a[i] * dv;
                }
            }
        } else { /* parent sealed: vi = vm + vx of this node only */
            double dv = -VX(0, i);
            rhs[i] -= e->b[i] * dv;
            rhs[p] += e->a[i] * dv;
        }
        int row = X->row[i];
        int j = NL - 1;
        ER(j, i) -= XG(row, j) * (VX(j, i) - EEXT(row));
        for (--j; j >= 0; --j) {
            double x = XG(row, j) * (VX(j, i) - VX(j + 1, i));
            ER(j, i) -= x;
            ER(j + 1, i) += x;
        }
    }
}

void nrn_ext_lhs(void) {
    nrn_engine* e = &nrn_eng;
    const int n = e->nnode;
    const double cfac = .001 * e->ctx.cj;
    for (int i = 0; i < n; ++i) {
        if (!has(i)) {
            continue;
        }
        double dm = (ED(0, i) += e->ctx.d[i]); /* membrane (and capacitance) conductance */
        X12(0, i) -= dm;
        if (X->row[i] >= 0) {
            *parp(X->row[i], C_SAVG) = dm;
        }
    }
    for (int i = 0; i < n; ++i) {
        if (!has(i) || e->parent[i] < 0) {
            continue;
        }
        int row = X->row[i];
        for (int j = 0;;) {
            double mfac = XG(row, j) + XC(row, j) * cfac;
            ED(j, i) += mfac;
            ++j;
            if (j == NL) {
                break;
            }
            ED(j, i) += mfac;
            X12(j, i) -= mfac;
        }
        int p = e->parent[i];
        if (has(p)) {
            for (int k = 0; k < NL; ++k) {
                ED(k, i) -= BX(k, i);
                ED(k, p) -= AX(k, i);
            }
        }
    }
}

/* ---------------------------------------------------- block tree solve */

static int bsize(int i) { return has(i) ? 1 + NL : 1; }

/* in-place LU (no pivoting) of the m x m block at a (row-major, leading dimension M) */
static void lu(double* a, int m, int M) {
    for (int k = 0; k < m; ++k) {
        double piv = a[k * M + k];
        for (int r = k + 1; r < m; ++r) {
            double f = (a[r * M + k] /= piv);
            if (f != 0.0) {
                for (int c = k + 1; c < m; ++c) {
                    a[r * M + c] -= f * a[k * M + c];
                }
            }
        }
    }
}

static void lu_solve(const double* a, int m, int M, double* x) {
    for (int r = 1; r < m; ++r) {
        for (int c = 0; c < r; ++c) {
            x[r] -= a[r * M + c] * x[c];
        }
    }
    for (int r = m - 1; r >= 0; --r) {
        for (int c = r + 1; c < m; ++c) {
            x[r] -= a[r * M + c] * x[c];
        }
        x[r] /= a[r * M + r];
    }
}

void nrn_ext_solve_update(void) {
    nrn_engine* e = &nrn_eng;
    const int n = e->nnode;
    const int M = 1 + NL;
    double* D = X->blk;      /* [n][M][M] */
    double* R = X->blkrhs;   /* [n][M] */
    double col[64], y[64];
    for (int i = 0; i < n; ++i) {
        double* d = D + (size_t)i * M * M;
        double* r = R + (size_t)i * M;
        memset(d, 0, sizeof(double) * M * M);
        d[0] = e->ctx.d[i];
        r[0] = e->ctx.rhs[i];
        if (has(i)) {
            d[1] = d[M] = X12(0, i);
            for (int k = 0; k < NL; ++k) {
                d[(1 + k) * M + 1 + k] = ED(k, i);
                r[1 + k] = ER(k, i);
                if (k > 0) {
                    d[k * M + k + 1] = d[(k + 1) * M + k] = X12(k, i);
                }
            }
        }
    }
    /* eliminate children into parents */
    for (int i = n - 1; i >= 0; --i) {
        int p = e->parent[i];
        if (p < 0) {
            continue;
        }
        int mi = bsize(i);
        double* di = D + (size_t)i * M * M;
        double* dp = D + (size_t)p * M * M;
        double* ri = R + (size_t)i * M;
        double* rp = R + (size_t)p * M;
        lu(di, mi, M);
        memcpy(y, ri, sizeof(double) * mi);
        lu_solve(di, mi, M, y);
        /* shared unknowns between i and p: 0 (vi), and layers when both have extracellular */
        int nshared = (has(i) && has(p)) ? M : 1;
        for (int s = 0; s < nshared; ++s) {
            double bi = s == 0 ? e->b[i] : BX(s - 1, i);
            memset(col, 0, sizeof(double) * mi);
            col[s] = bi;
            lu_solve(di, mi, M, col); /* column s of D_i^-1 B_i */
            for (int r = 0; r < nshared; ++r) {
                double ar = r == 0 ? e->a[i] : AX(r - 1, i);
                dp[r * M + s] -= ar * col[r];
            }
        }
        for (int r = 0; r < nshared; ++r) {
            double ar = r == 0 ? e->a[i] : AX(r - 1, i);
            rp[r] -= ar * y[r];
        }
    }
    for (int i = 0; i < n; ++i) {
        int p = e->parent[i];
        int mi = bsize(i);
        if (p < 0) {
            double* di = D + (size_t)i * M * M;
            lu(di, mi, M);
            lu_solve(di, mi, M, R + (size_t)i * M);
            continue;
        }
        double* ri = R + (size_t)i * M;
        double* xp = R + (size_t)p * M;
        int nshared = (has(i) && has(p)) ? M : 1;
        for (int s = 0; s < nshared; ++s) {
            ri[s] -= (s == 0 ? e->b[i] : BX(s - 1, i)) * xp[s];
        }
        lu_solve(D + (size_t)i * M * M, mi, M, ri);
    }
    for (int i = 0; i < n; ++i) {
        double* r = R + (size_t)i * M;
        e->ctx.rhs[i] = r[0];
        if (has(i)) {
            for (int k = 0; k < NL; ++k) {
                ER(k, i) = r[1 + k];
            }
        }
    }
}

/* after v += dvi: vx += dvx, vm = vi - vx0 (rhs becomes dvm), i_membrane (mA/cm2) */
void nrn_ext_update(void) {
    nrn_engine* e = &nrn_eng;
    const int n = e->nnode;
    for (int i = 0; i < n; ++i) {
        if (!has(i)) {
            continue;
        }
        for (int k = 0; k < NL; ++k) {
            VX(k, i) += ER(k, i);
        }
        e->ctx.v[i] -= ER(0, i);
        e->ctx.rhs[i] -= ER(0, i);
        int row = X->row[i];
        if (row >= 0) {
            *parp(row, C_IMEM) = par(row, C_SAVG) * e->ctx.rhs[i] + par(row, C_SAVRHS);
        }
    }
}

void nrn_ext_init(void) {
    nrn_engine* e = &nrn_eng;
    const int n = e->nnode;
    for (int i = 0; i < n; ++i) {
        if (!has(i)) {
            continue;
        }
        for (int k = 0; k < NL; ++k) {
            VX(k, i) = 0.;
        }
        if (X->row[i] >= 0) {
            *parp(X->row[i], C_IMEM) = 0.;
        }
    }
}
