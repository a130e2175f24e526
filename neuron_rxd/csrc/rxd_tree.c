/* rxd_tree.c -- 1-D diffusion on the sections' tree and the coupling with the engine's ions.
 *
 * The diffusion matrix G (1/ms) is stored as a tree: diagonal gd, gb[i] = G[i][parent(i)],
 * ga[i] = G[parent(i)][i]; parents have lower indices than their children.  Backward Euler:
 *   (C + dt G) dy = dt (-G y + J),   C = 1 for volume nodes, 0 for algebraic zero-volume nodes
 * (junctions, where G y = 0 conserves mass). */
#include <string.h>

#include "rxd_solver.h"

extern double rxd_py_source(int id);

/* Factor (C + dt G) on the tree (NEURON's elimination, children before parents); the
 * factors are reused while dt does not change. */
static void tree_factor(rxd_model* m, double dt) {
    const int* restrict par = m->parent;
    double* restrict d = m->dinv;
    for (int i = 0; i < m->n; ++i) {
        d[i] = m->cdiag[i] + dt * m->gd[i];
    }
    for (int k = m->nedge - 1; k >= 0; --k) {
        const int i = m->edge[k], p = par[i];
        const double f = dt * m->ga[i] / d[i];
        d[p] -= dt * f * m->gb[i];
        m->fac[i] = f;
    }
    for (int i = 0; i < m->n; ++i) {
        d[i] = 1.0 / d[i];
        m->dtgb[i] = dt * m->gb[i];
    }
    m->fact_dt = dt;
}

/* Solve (C + dt G) x = rhs in place. */
void rxd_tree_solve(rxd_model* m, double* rhs, double dt) {
    if (m->fact_dt != dt) {
        tree_factor(m, dt);
    }
    const int* restrict par = m->parent;
    const int* restrict edge = m->edge;
    const double* restrict fac = m->fac;
    for (int k = m->nedge - 1; k >= 0; --k) {
        const int i = edge[k];
        rhs[par[i]] -= fac[i] * rhs[i];
    }
    const double* restrict dinv = m->dinv;
    const double* restrict dtgb = m->dtgb;
    const int* restrict sn = m->solve_node;
    for (int k = 0; k < m->nsolve; ++k) {
        const int i = sn[k];
        const int p = par[i];
        double r = rhs[i];
        if (p >= 0) {
            r -= dtgb[i] * rhs[p];
        }
        rhs[i] = r * dinv[i];
    }
}

/* rhs += -G y (mM/ms). */
void rxd_diffusion_rates(const rxd_model* m, const double* y, double* rhs) {
    const int* restrict par = m->parent;
    const int* restrict sn = m->solve_node;
    for (int k = 0; k < m->nsolve; ++k) {
        const int i = sn[k];
        rhs[i] -= m->gd[i] * y[i];
    }
    for (int k = 0; k < m->nedge; ++k) {
        const int i = m->edge[k], p = par[i];
        rhs[i] -= m->gb[i] * y[p];
        rhs[p] -= m->ga[i] * y[i];
    }
}

/* rhs += concentration change (mM/ms) from the engine's ion currents, less the part rxd's
 * own membrane fluxes produced (already applied by the reactions). */
void rxd_ion_currents(const rxd_model* m, double* rhs) {
    for (int k = 0; k < m->ncur; ++k) {
        rhs[m->cur_index[k]] += m->cur_scale[k] * (*m->cur_ptr[k] - m->cur_induced[k]);
    }
}

/* Sources from node.include_flux: dt * source / scale added to the state. */
void rxd_node_fluxes(const rxd_flux_table* f, double* states, double dt) {
    for (int k = 0; k < f->n; ++k) {
        double src;
        if (f->ptr && f->ptr[k]) {
            src = *f->ptr[k];
        } else if (f->pycall && f->pycall[k] >= 0) {
            src = rxd_py_source(f->pycall[k]);
        } else {
            src = f->value[k];
        }
        states[f->index[k]] += dt * src / f->scale[k];
    }
}

void rxd_grid_fluxes(rxd_grid* g, double dt) {
    rxd_node_fluxes(&g->flux, g->states_cur, dt);
}

/* Copy concentrations to the engine's ion variables (cai, cao, ...). */
void rxd_transfer(rxd_model* m) {
    for (int k = 0; k < m->nconc; ++k) {
        *m->conc_ptr[k] = m->states[m->conc_index[k]];
    }
}

static void one_d_step(rxd_model* m, double dt) {
    const int n = m->n;
    if (n == 0) {
        return;
    }
    double* restrict rhs = m->work;
    memset(rhs, 0, sizeof(double) * n);
    if (m->diffusion) {
        rxd_diffusion_rates(m, m->states, rhs);
    }
    rxd_ion_currents(m, rhs);
    for (int i = 0; i < n; ++i) {
        rhs[i] *= dt;
    }
    if (m->diffusion) {
        rxd_tree_solve(m, rhs, dt);
    }
    for (int i = 0; i < n; ++i) {
        m->states[i] += rhs[i];
    }
    for (int k = 0; k < m->nzvi; ++k) {
        m->states[m->zvi[k]] = 0.0;
    }
    rxd_reactions(m, dt);
    rxd_node_fluxes(&m->flux, m->states, dt);
    rxd_transfer(m);
}

void rxd_fixed_step(rxd_model* m, double dt) {
    one_d_step(m, dt);
    for (int k = 0; k < m->necsgroup; ++k) {
        rxd_ecs_group* e = &m->ecs_groups[k];
        e->fn(e->nvox, e->ys, e->ps, dt);
    }
    for (int k = 0; k < m->ngrid; ++k) {
        rxd_grid_step(m, &m->grids[k], dt);
    }
    for (int k = 0; k < m->nics; ++k) {
        rxd_ics_step(&m->ics[k], dt);
    }
    for (int k = 0; k < m->ngrid; ++k) {
        rxd_grid_transfer(&m->grids[k]);
    }
    for (int k = 0; k < m->nics; ++k) {
        rxd_ics_transfer(&m->ics[k]);
    }
}

/* The engine's entry point: one call per phase of the step. */
void rxd_nonvint(nrn_ctx* ctx, int phase, void* data) {
    rxd_model* m = (rxd_model*) data;
    switch (phase) {
    case RXD_PHASE_CURRENT:
        if (m->membrane_flux) {
            rxd_membrane_currents(m, ctx);
        }
        break;
    case RXD_PHASE_SOLVE:
        rxd_fixed_step(m, ctx->dt);
        break;
    default:
        break;
    }
}
