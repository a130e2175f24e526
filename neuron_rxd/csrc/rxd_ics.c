/* rxd_ics.c -- one fixed step of 3-D intracellular diffusion (NEURON's Douglas-Gunn ADI on
 * the irregular set of voxels inside the cell), with membrane currents and node fluxes, and
 * the concentrations handed back to the engine.
 *
 * Voxel volumes enter through alpha = volume / dx^3: the flux between neighbours a and b is
 * dc * alpha_a * alpha_b / (alpha_a + alpha_b) * (c_b - c_a) / dx^2 per unit alpha. */
#include <string.h>

#include "rxd_solver.h"

/* Thomas algorithm; solution in b, c is scratch (n-1). */
static void tridiag(int n, const double* l, const double* d, const double* u, double* b,
                    double* c) {
    c[0] = u[0] / d[0];
    b[0] = b[0] / d[0];
    for (int i = 1; i < n - 1; ++i) {
        c[i] = u[i] / (d[i] - l[i - 1] * c[i - 1]);
        b[i] = (b[i] - l[i - 1] * b[i - 1]) / (d[i] - l[i - 1] * c[i - 1]);
    }
    b[n - 1] = (b[n - 1] - l[n - 2] * b[n - 2]) / (d[n - 1] - l[n - 2] * c[n - 2]);
    for (int i = n - 2; i >= 0; --i) {
        b[i] = b[i] - c[i] * b[i + 1];
    }
}

/* Explicit diffusion increments along the lines of one direction (alpha-weighted). */
static void deltas(const rxd_ics* g, const double* s, int nline, const int* line,
                   const int* order, double dc, const double* dcg, double* delta) {
    const double* a = g->alpha;
    int o = 0;
    for (int q = 0; q < nline; ++q) {
        const int len = line[2 * q + 1];
        if (len < 2) {
            delta[order[o++]] = 0.0;
            continue;
        }
        int cur = order[o++];
        int nxt = order[o++];
        double sc = s[cur], sn = s[nxt], ac = a[cur], an = a[nxt], sp, ap;
        if (dcg) {
            delta[cur] = dcg[nxt] * an * ac * (sn - sc) / (an + ac);
        } else {
            delta[cur] = dc * an * ac * (sn - sc) / (an + ac);
        }
        for (int j = 1; j < len - 1; ++j) {
            sp = sc;
            ap = ac;
            cur = nxt;
            nxt = order[o++];
            sc = sn;
            sn = s[nxt];
            ac = an;
            an = a[nxt];
            if (dcg) {
                delta[cur] = dcg[nxt] * (an * ac * (sn - sc) / (an + ac)) -
                             dcg[cur] * (ap * ac * (sc - sp) / (ap + ac));
            } else {
                delta[cur] = dc * ((an * ac / (an + ac)) * (sn - sc) -
                                   (ap * ac / (ap + ac)) * (sc - sp));
            }
        }
        if (dcg) {
            delta[nxt] = dcg[nxt] * (an * ac) * (sc - sn) / (an + ac);
        } else {
            delta[nxt] = dc * (an * ac) * (sc - sn) / (an + ac);
        }
    }
}

static void all_deltas(rxd_ics* g, const double* s) {
    deltas(g, s, g->nline_x, g->line_x, g->order_x, g->dcx, g->dcgrid, g->delta_x);
    deltas(g, s, g->nline_y, g->line_y, g->order_y, g->dcy, g->dcgrid ? g->dcgrid + g->n : NULL,
           g->delta_y);
    deltas(g, s, g->nline_z, g->line_z, g->order_z, g->dcz,
           g->dcgrid ? g->dcgrid + 2 * (size_t) g->n : NULL, g->delta_z);
}

/* Implicit half of one direction.  axis 0 (x) also takes the explicit increments of all
 * directions and this step's currents; y and z take back their explicit part. */
static void sweep(rxd_ics* g, int axis, double dt) {
    const int nline = axis == 0 ? g->nline_x : axis == 1 ? g->nline_y : g->nline_z;
    const int* line = axis == 0 ? g->line_x : axis == 1 ? g->line_y : g->line_z;
    const int* order = axis == 0 ? g->order_x : axis == 1 ? g->order_y : g->order_z;
    const double dc = axis == 0 ? g->dcx : axis == 1 ? g->dcy : g->dcz;
    const double* dcg = g->dcgrid ? g->dcgrid + (size_t) axis * g->n : NULL;
    const double* dl = axis == 0 ? g->delta_x : axis == 1 ? g->delta_y : g->delta_z;
    const double* a = g->alpha;
    double* s = g->states;
    const double d2 = g->dx * g->dx;
    int maxline = 1;
    for (int q = 0; q < nline; ++q) {
        if (line[2 * q + 1] > maxline) {
            maxline = line[2 * q + 1];
        }
    }
    double* rhs = g->work;
    double* lo = rhs + maxline;
    double* di = lo + maxline;
    double* up = di + maxline;
    double* sc = up + maxline;
    int o = 0;
    for (int q = 0; q < nline; ++q) {
        const int len = line[2 * q + 1];
        const int* nodes = &order[o];
        o += len;
        for (int j = 0; j < len; ++j) {
            const int c = nodes[j];
            if (axis == 0) {
                rhs[j] = (dt / a[c]) * (g->delta_x[c] / d2 + 2.0 * g->delta_y[c] / d2 +
                                        2.0 * g->delta_z[c] / d2) +
                         s[c] + g->states_cur[c];
            } else {
                rhs[j] = s[c] - dt * dl[c] / (a[c] * d2);
            }
        }
        if (len >= 2) {
            int cur = nodes[0], nxt = nodes[1], prv;
            double next = a[nxt] * (dcg ? dcg[nxt] : dc) / (a[nxt] + a[cur]), prev;
            di[0] = 1.0 + dt * next / d2;
            up[0] = -dt * next / d2;
            for (int j = 1; j < len - 1; ++j) {
                prv = cur;
                cur = nxt;
                nxt = nodes[j + 1];
                if (dcg) {
                    prev = a[prv] * (axis == 0 ? dcg[cur] : dcg[prv]) / (a[prv] + a[cur]);
                    next = a[nxt] * dcg[nxt] / (a[nxt] + a[cur]);
                } else {
                    prev = a[prv] * dc / (a[prv] + a[cur]);
                    next = a[nxt] * dc / (a[nxt] + a[cur]);
                }
                lo[j - 1] = -dt * prev / d2;
                di[j] = 1. + dt * (prev + next) / d2;
                up[j] = -dt * next / d2;
            }
            if (dcg) {
                prev = a[cur] * (axis == 0 ? dcg[nxt] : dcg[cur]) / (a[cur] + a[nxt]);
            } else {
                prev = a[cur] * dc / (a[cur] + a[nxt]);
            }
            di[len - 1] = 1.0 + dt * prev / d2;
            lo[len - 2] = -dt * prev / d2;
            tridiag(len, lo, di, up, rhs, sc);
        }
        for (int j = 0; j < len; ++j) {
            s[nodes[j]] = rhs[j];
        }
    }
}

void rxd_ics_currents(const rxd_ics* g, double* out, double dt) {
    for (int k = 0; k < g->ncurseg; ++k) {
        const double cur = *g->cur_ptr[k];
        for (int j = g->cur_start[k]; j < g->cur_start[k + 1]; ++j) {
            const int v = g->cur_node[j];
            out[v] += cur * g->cur_scale[v] * dt;
        }
    }
}

void rxd_ics_step(rxd_ics* g, double dt) {
    memset(g->states_cur, 0, sizeof(double) * g->n);
    rxd_ics_currents(g, g->states_cur, dt);
    rxd_node_fluxes(&g->flux, g->states_cur, dt);
    if (!g->diffusable || g->n == 0) {
        return;
    }
    all_deltas(g, g->states);
    sweep(g, 0, dt);
    sweep(g, 1, dt);
    sweep(g, 2, dt);
}

void rxd_ics_transfer(rxd_ics* g) {
    for (int k = 0; k < g->nconcseg; ++k) {
        double total = 0.0;
        const int a = g->conc_start[k], b = g->conc_start[k + 1];
        for (int j = a; j < b; ++j) {
            total += g->states[g->conc_node[j]];
        }
        if (b > a) {
            *g->conc_ptr[k] = total / (b - a);
        }
    }
}

/* ------------------------------------------------------------ variable step */

static inline double pair_flux(double ai, double aj, double si, double sj) {
    return 2.0 * ai * aj * (si - sj) / (ai + aj);
}

/* ydot += diffusion rates along one direction's lines (r = dc/dx^2, or 1/dx^2 with per-voxel
 * coefficients dcg). */
static void line_rates(const rxd_ics* g, const double* s, int nline, const int* line,
                       const int* order, double r, const double* dcg, double* ydot) {
    const double* a = g->alpha;
    int o = 0;
    for (int q = 0; q < nline; ++q) {
        const int len = line[2 * q + 1];
        if (len < 2) {
            o++;
            continue;
        }
        int cur = order[o++];
        int nxt = order[o++];
        double sc = s[cur], sn = s[nxt], ac = a[cur], an = a[nxt], sp, ap;
        double dcn = dcg ? dcg[nxt] : 1.0, dcc;
        ydot[cur] += (r / ac) * dcn * pair_flux(an, ac, sn, sc);
        for (int j = 1; j < len - 1; ++j) {
            sp = sc;
            ap = ac;
            cur = nxt;
            nxt = order[o++];
            sc = sn;
            sn = s[nxt];
            ac = an;
            an = a[nxt];
            dcc = dcn;
            dcn = dcg ? dcg[nxt] : 1.0;
            if (dcg) {
                ydot[cur] += (r / ac) * (dcc * pair_flux(ap, ac, sp, sc) + dcn * pair_flux(an, ac, sn, sc));
            } else {
                ydot[cur] += (r / ac) * (pair_flux(ap, ac, sp, sc) + pair_flux(an, ac, sn, sc));
            }
        }
        if (dcg) {
            ydot[nxt] += r * dcn * pair_flux(ac, an, sc, sn) / an;
        } else {
            ydot[nxt] += r * pair_flux(ac, an, sc, sn) / an;
        }
    }
}

void rxd_ics_diffusion_rates(const rxd_ics* g, const double* s, double* ydot) {
    const double d2 = g->dx * g->dx;
    if (g->dcgrid) {
        line_rates(g, s, g->nline_x, g->line_x, g->order_x, 1.0 / d2, g->dcgrid, ydot);
        line_rates(g, s, g->nline_y, g->line_y, g->order_y, 1.0 / d2, g->dcgrid + g->n, ydot);
        line_rates(g, s, g->nline_z, g->line_z, g->order_z, 1.0 / d2,
                   g->dcgrid + 2 * (size_t) g->n, ydot);
    } else {
        line_rates(g, s, g->nline_x, g->line_x, g->order_x, g->dcx / d2, NULL, ydot);
        line_rates(g, s, g->nline_y, g->line_y, g->order_y, g->dcy / d2, NULL, ydot);
        line_rates(g, s, g->nline_z, g->line_z, g->order_z, g->dcz / d2, NULL, ydot);
    }
}

/* The Newton-system approximation of one direction: b <- lines' tridiagonal solves. */
static void cv_sweep(rxd_ics* g, int axis, double dt, double* st, const double* b) {
    const int nline = axis == 0 ? g->nline_x : axis == 1 ? g->nline_y : g->nline_z;
    const int* line = axis == 0 ? g->line_x : axis == 1 ? g->line_y : g->line_z;
    const int* order = axis == 0 ? g->order_x : axis == 1 ? g->order_y : g->order_z;
    const double dc = axis == 0 ? g->dcx : axis == 1 ? g->dcy : g->dcz;
    const double* dcg = g->dcgrid ? g->dcgrid + (size_t) axis * g->n : NULL;
    const double* dl = axis == 0 ? g->delta_x : axis == 1 ? g->delta_y : g->delta_z;
    const double* a = g->alpha;
    const double d2 = g->dx * g->dx;
    const double r = dt * dc / d2;
    int maxline = 1;
    for (int q = 0; q < nline; ++q) {
        if (line[2 * q + 1] > maxline) {
            maxline = line[2 * q + 1];
        }
    }
    double* rhs = g->work;
    double* lo = rhs + maxline;
    double* di = lo + maxline;
    double* up = di + maxline;
    double* sc = up + maxline;
    int o = 0;
    for (int q = 0; q < nline; ++q) {
        const int len = line[2 * q + 1];
        const int* nodes = &order[o];
        o += len;
        for (int j = 0; j < len; ++j) {
            const int c = nodes[j];
            if (axis == 0) {
                rhs[j] = b[c] - dt * (g->delta_x[c] / d2 + g->delta_y[c] / d2 + g->delta_z[c] / d2) / a[c];
            } else {
                rhs[j] = st[c] - dt * dl[c] / (a[c] * d2);
            }
        }
        if (len >= 2) {
            int cur = nodes[0], nxt = nodes[1], prv;
            double next, prev;
            if (dcg) {
                next = a[nxt] * dcg[nxt] / (a[nxt] + a[cur]);
                di[0] = 1.0 + dt * next / d2;
                up[0] = -dt * next / d2;
            } else {
                next = a[nxt] * r / (a[nxt] + a[cur]);
                di[0] = 1.0 + next;
                up[0] = -next;
            }
            for (int j = 1; j < len - 1; ++j) {
                prv = cur;
                cur = nxt;
                nxt = nodes[j + 1];
                if (dcg) {
                    prev = a[prv] * dcg[cur] / (a[prv] + a[cur]);
                    next = a[nxt] * dcg[nxt] / (a[nxt] + a[cur]);
                    lo[j - 1] = -dt * prev / d2;
                    di[j] = 1. + dt * (prev + next) / d2;
                    up[j] = -dt * next / d2;
                } else {
                    prev = a[prv] * r / (a[prv] + a[cur]);
                    next = a[nxt] * r / (a[nxt] + a[cur]);
                    lo[j - 1] = -prev;
                    di[j] = 1. + prev + next;
                    up[j] = -next;
                }
            }
            if (dcg) {
                prev = a[cur] * dcg[cur] / (a[cur] + a[nxt]);
                di[len - 1] = 1.0 + dt * prev / d2;
                lo[len - 2] = -dt * prev / d2;
            } else {
                prev = a[cur] * r / (a[cur] + a[nxt]);
                di[len - 1] = 1.0 + prev;
                lo[len - 2] = -prev;
            }
            tridiag(len, lo, di, up, rhs, sc);
        }
        for (int j = 0; j < len; ++j) {
            st[nodes[j]] = rhs[j];
        }
    }
}

void rxd_ics_cv_solve(rxd_ics* g, double dt, double* b) {
    if (!g->diffusable || g->n == 0) {
        return;
    }
    double* st = g->states_cur; /* scratch: the result of each direction */
    memcpy(st, b, sizeof(double) * g->n);
    all_deltas(g, st);
    cv_sweep(g, 0, dt, st, b);
    cv_sweep(g, 1, dt, st, b);
    cv_sweep(g, 2, dt, st, b);
    memcpy(b, st, sizeof(double) * g->n);
}
