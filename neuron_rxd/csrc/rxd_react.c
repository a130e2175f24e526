/* rxd_react.c -- reactions at each location: one linearised backward-Euler step.
 *
 * For the unknowns u of a location (intracellular species present there, then extracellular
 * voxel values), with rates f(u) from the compiled rate function:
 *   (I - dt J) du = dt f(u),   J by forward differences with step FLT_EPSILON,
 * solved densely with partial pivoting (NEURON's per-segment scheme). */
#include <float.h>
#include <math.h>
#include <string.h>

#include "rxd_solver.h"

#define ABSENT_VALUE (-1.0)

/* Work doubles for one location: inputs, two rate sets, the matrix, rhs and pivots. */
int rxd_reaction_work_size(int maxdim, int maxslots) {
    return 6 * maxslots + maxdim * maxdim + 2 * maxdim + 8;
}

/* Gaussian elimination with partial pivoting; a is n x n row-major, b becomes x.
 * Returns nonzero when the matrix is singular. */
int rxd_lu_solve(int n, double* a, double* b, int* piv) {
    (void) piv;
    for (int k = 0; k < n; ++k) {
        int p = k;
        double best = fabs(a[k * n + k]);
        for (int i = k + 1; i < n; ++i) {
            double v = fabs(a[i * n + k]);
            if (v > best) {
                best = v;
                p = i;
            }
        }
        if (best == 0.0) {
            return 1;
        }
        if (p != k) {
            for (int j = 0; j < n; ++j) {
                double t = a[k * n + j];
                a[k * n + j] = a[p * n + j];
                a[p * n + j] = t;
            }
            double t = b[k];
            b[k] = b[p];
            b[p] = t;
        }
        double inv = 1.0 / a[k * n + k];
        for (int i = k + 1; i < n; ++i) {
            double f = a[i * n + k] * inv;
            if (f != 0.0) {
                for (int j = k + 1; j < n; ++j) {
                    a[i * n + j] -= f * a[k * n + j];
                }
                b[i] -= f * b[k];
            }
        }
    }
    for (int i = n - 1; i >= 0; --i) {
        double s = b[i];
        for (int j = i + 1; j < n; ++j) {
            s -= a[i * n + j] * b[j];
        }
        b[i] = s / a[i * n + i];
    }
    return 0;
}

/* Inputs of location l: intracellular values (absent = fill), parameters, voxel values. */
static void gather(const rxd_model* m, const double* st, const rxd_group* g, int l, double fill,
                   double* y, double* p, double* ye, double* pe) {
    for (int s = 0; s < g->nslot; ++s) {
        int i = g->slot[l * g->nslot + s];
        y[s] = i >= 0 ? st[i] : fill;
    }
    for (int s = 0; s < g->nparam; ++s) {
        int i = g->param[l * g->nparam + s];
        p[s] = i >= 0 ? st[i] : fill;
    }
    const int ne = g->necs + g->necsparam;
    for (int e = 0; e < ne; ++e) {
        int vox = g->ecs_voxel[l * ne + e];
        double val = vox >= 0 ? m->grids[g->ecs_grid[e]].states[vox] : fill;
        if (e < g->necs) {
            ye[e] = val;
        } else {
            pe[e - g->necs] = val;
        }
    }
}

/* One implicit step of the group's reactions: (I - dt J) x = r at every location, J from the
 * rates at st.  bval NULL: r = dt f and the states advance by x; else r and x are the
 * location's entries of bval (the variable-step Newton solve). */
static void solve_group(rxd_model* m, rxd_group* g, double dt, const double* st, double* bval) {
    const double eps = FLT_EPSILON;
    const int ns = g->nslot, ne = g->necs;
    double* w = m->rwork;
    double* y = w;
    double* p = y + ns + 1;
    double* ye = p + g->nparam + 1;
    double* pe = ye + ne + 1;
    double* f0 = pe + g->necsparam + 1;
    double* fe0 = f0 + ns + 1;
    double* f1 = fe0 + ne + 1;
    double* fe1 = f1 + ns + 1;
    double* jac = fe1 + ne + 1;
    const int maxdim = ns + ne;
    double* rhs = jac + maxdim * maxdim;
    int* unk = m->iwork;
    for (int l = 0; l < g->nloc; ++l) {
        double v = g->vptr ? *g->vptr[l] : 0.0;
        const double* mult = g->nmult ? g->mult + (size_t) l * g->nmult : NULL;
        gather(m, st, g, l, ABSENT_VALUE, y, p, ye, pe);
        /* unknowns present at this location: intracellular slots, then voxels */
        int n = 0;
        for (int s = 0; s < ns; ++s) {
            if (g->slot[l * ns + s] >= 0) {
                unk[n++] = s;
            }
        }
        const int nin = n;
        for (int e = 0; e < ne; ++e) {
            if (g->ecs_voxel[l * (ne + g->necsparam) + e] >= 0) {
                unk[n++] = ns + e;
            }
        }
        if (n == 0) {
            continue;
        }
        memset(f0, 0, sizeof(double) * ns);
        memset(fe0, 0, sizeof(double) * ne);
        g->fn(y, p, ye, pe, f0, fe0, mult, v, NULL);
        for (int c = 0; c < n; ++c) {
            int u = unk[c];
            double* target = u < ns ? &y[u] : &ye[u - ns];
            double saved = *target;
            *target += eps;
            memset(f1, 0, sizeof(double) * ns);
            memset(fe1, 0, sizeof(double) * ne);
            g->fn(y, p, ye, pe, f1, fe1, mult, v, NULL);
            *target = saved;
            for (int r = 0; r < n; ++r) {
                int ur = unk[r];
                double pd = ur < ns ? (f1[ur] - f0[ur]) / eps : (fe1[ur - ns] - fe0[ur - ns]) / eps;
                jac[r * n + c] = (r == c ? 1.0 : 0.0) - dt * pd;
            }
        }
        for (int r = 0; r < n; ++r) {
            int ur = unk[r];
            if (bval && ur < ns) {
                rhs[r] = bval[g->slot[l * ns + ur]];
            } else {
                rhs[r] = dt * (ur < ns ? f0[ur] : fe0[ur - ns]);
            }
        }
        if (n == 1) {
            rhs[0] /= jac[0];
        } else {
            rxd_lu_solve(n, jac, rhs, NULL);
        }
        for (int r = 0; r < nin; ++r) {
            if (bval) {
                bval[g->slot[l * ns + unk[r]]] = rhs[r];
            } else {
                m->states[g->slot[l * ns + unk[r]]] += rhs[r];
            }
        }
        if (ne) {
            double* de = g->ecs_delta + (size_t) l * ne;
            memset(de, 0, sizeof(double) * ne);
            for (int r = nin; r < n; ++r) {
                de[unk[r] - ns] = rhs[r];
            }
        }
    }
}

void rxd_reactions(rxd_model* m, double dt) {
    for (int k = 0; k < m->ngroup; ++k) {
        rxd_group* g = &m->groups[k];
        if (g->fast) {
            g->fast(g->nloc, g->slot, g->param, g->mult, g->nmult, g->vptr, m->states, dt);
        } else if (g->nslot + g->necs > 0 && g->nloc > 0) {
            solve_group(m, g, dt, m->states, NULL);
        }
    }
}

void rxd_reactions_solve(rxd_model* m, double gamma, const double* y, double* b) {
    for (int k = 0; k < m->ngroup; ++k) {
        rxd_group* g = &m->groups[k];
        if (g->nslot + g->necs > 0 && g->nloc > 0) {
            solve_group(m, g, gamma, y, b);
        }
    }
}

void rxd_reaction_rates(rxd_model* m, double* rhs) {
    double* w = m->rwork;
    for (int k = 0; k < m->ngroup; ++k) {
        rxd_group* g = &m->groups[k];
        const int ns = g->nslot, ne = g->necs;
        double* y = w;
        double* p = y + ns + 1;
        double* ye = p + g->nparam + 1;
        double* pe = ye + ne + 1;
        double* f0 = pe + g->necsparam + 1;
        double* fe0 = f0 + ns + 1;
        for (int l = 0; l < g->nloc; ++l) {
            double v = g->vptr ? *g->vptr[l] : 0.0;
            const double* mult = g->nmult ? g->mult + (size_t) l * g->nmult : NULL;
            gather(m, m->states, g, l, NAN, y, p, ye, pe);
            memset(f0, 0, sizeof(double) * ns);
            memset(fe0, 0, sizeof(double) * ne);
            g->fn(y, p, ye, pe, f0, fe0, mult, v, NULL);
            for (int s = 0; s < ns; ++s) {
                int i = g->slot[l * ns + s];
                if (i >= 0) {
                    rhs[i] += f0[s];
                }
            }
            /* extracellular rates, added to the voxels with the grids' rates */
            for (int e = 0; e < ne; ++e) {
                int vox = g->ecs_voxel[l * (ne + g->necsparam) + e];
                g->ecs_delta[(size_t) l * ne + e] = vox >= 0 ? fe0[e] : 0.0;
            }
        }
    }
}

/* Membrane currents of reactions with membrane_flux (phase CURRENT): each flux output adds
 * I (mA/cm2) to its ion current and -I to the node's rhs; the ion-current coupling later
 * skips I, whose concentration change the reaction itself makes.  ctx NULL: only the
 * induced currents of the 1-D states (for the variable step's f; the grids keep those of the
 * last current phase). */
void rxd_membrane_currents(rxd_model* m, nrn_ctx* ctx) {
    memset(m->cur_induced, 0, sizeof(double) * (m->ncur > 0 ? m->ncur : 0));
    for (int k = 0; ctx && k < m->ngrid; ++k) {
        rxd_grid* gr = &m->grids[k];
        memset(gr->ind_value, 0, sizeof(double) * (gr->ninduced > 0 ? gr->ninduced : 0));
    }
    double* w = m->rwork;
    for (int k = 0; k < m->ngroup; ++k) {
        rxd_group* g = &m->groups[k];
        if (g->nflux == 0) {
            continue;
        }
        const int ns = g->nslot, ne = g->necs;
        double* y = w;
        double* p = y + ns + 1;
        double* ye = p + g->nparam + 1;
        double* pe = ye + ne + 1;
        double* f0 = pe + g->necsparam + 1;
        double* fe0 = f0 + ns + 1;
        double* flux = fe0 + ne + 1;
        for (int l = 0; l < g->nloc; ++l) {
            double v = g->vptr ? *g->vptr[l] : 0.0;
            const double* mult = g->nmult ? g->mult + (size_t) l * g->nmult : NULL;
            gather(m, m->states, g, l, NAN, y, p, ye, pe);
            memset(flux, 0, sizeof(double) * g->nflux);
            g->fn(y, p, ye, pe, f0, fe0, mult, v, flux);
            for (int f = 0; f < g->nflux; ++f) {
                const int o = l * g->nflux + f;
                double cur = g->flux_scale[o] * flux[f];
                if (cur == 0.0 && !g->flux_ion[o]) {
                    continue;
                }
                if (ctx) {
                    ctx->rhs[g->flux_node[l]] -= cur;
                    if (g->flux_ion[o]) {
                        *g->flux_ion[o] += cur;
                    }
                }
                for (int side = 0; side < 2; ++side) {
                    int c = g->flux_cur[2 * o + side];
                    if (c >= 0) {
                        m->cur_induced[c] += cur;
                    }
                }
                if (ctx && g->flux_ecs_grid && g->flux_ecs_grid[o] >= 0) {
                    m->grids[g->flux_ecs_grid[o]].ind_value[g->flux_ecs_entry[o]] += cur;
                }
            }
        }
    }
}
