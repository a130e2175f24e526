/* rxd_cvode.c -- the reaction-diffusion states as an ODE block of the engine's variable
 * step integrator, as NEURON couples them to CVODE:
 *   y     the 1-D states without the zero-volume (junction) nodes, which are algebraic, then
 *         the voxels of each extracellular grid;
 *   f     1-D: junction values from their neighbours, concentrations to the engine, then
 *         -G y + reaction rates + ion currents + node fluxes (reactions read the voxel values
 *         of the previous f);
 *         grids: voxel concentrations to the engine, reactions as (one implicit step of the
 *         current step size) / step size, multi-compartment rates, currents, node fluxes,
 *         explicit diffusion;
 *   solve the Newton system (I - gamma J) x = b approximated by the diffusion tree solve
 *         followed by the per-location reaction solve (identity for the grids). */
#include <string.h>

#include "rxd_solver.h"

static void unpack(const rxd_model* m, const double* y, double* full) {
    int j = 0;
    for (int i = 0; i < m->n; ++i) {
        if (j < m->nzvi && m->zvi[j] == i) {
            full[i] = 0.0;
            ++j;
        } else {
            full[i] = y[i - j];
        }
    }
}

static void pack(const rxd_model* m, const double* full, double* y) {
    int j = 0;
    for (int i = 0; i < m->n; ++i) {
        if (j < m->nzvi && m->zvi[j] == i) {
            ++j;
        } else {
            y[i - j] = full[i];
        }
    }
}

static void one_d_fun(rxd_model* m, const double* y, double* ydot);

static size_t nvox(const rxd_grid* g) {
    return (size_t) g->nx * g->ny * g->nz;
}

int rxd_cv_count(void* data) {
    const rxd_model* m = (const rxd_model*) data;
    size_t n = (size_t) (m->n - m->nzvi);
    for (int k = 0; k < m->ngrid; ++k) {
        n += nvox(&m->grids[k]);
    }
    return (int) n;
}

void rxd_cv_states(void* data, double* y) {
    const rxd_model* m = (const rxd_model*) data;
    pack(m, m->states, y);
    y += m->n - m->nzvi;
    for (int k = 0; k < m->ngrid; ++k) {
        memcpy(y, m->grids[k].states, sizeof(double) * nvox(&m->grids[k]));
        y += nvox(&m->grids[k]);
    }
}

static void grids_fun(rxd_model* m, const double* y, double* ydot) {
    size_t total = 0;
    for (int k = 0; k < m->ngrid; ++k) {
        rxd_grid* g = &m->grids[k];
        memcpy(g->states, y + total, sizeof(double) * nvox(g));
        total += nvox(g);
    }
    for (int k = 0; k < m->ngrid; ++k) {
        rxd_grid_transfer(&m->grids[k]);
    }
    memset(ydot, 0, sizeof(double) * total);
    if (m->necsgroup) {
        const double dt = *m->cv_dt;
        for (int k = 0; k < m->necsgroup; ++k) {
            rxd_ecs_group* e = &m->ecs_groups[k];
            e->fn(e->nvox, e->ys, e->ps, dt);
        }
        size_t off = 0;
        for (int k = 0; k < m->ngrid; ++k) {
            rxd_grid* g = &m->grids[k];
            for (size_t i = 0; i < nvox(g); ++i) {
                ydot[off + i] += (g->states[i] - y[off + i]) / dt;
                g->states[i] = y[off + i];
            }
            off += nvox(g);
        }
    }
    size_t off = 0;
    for (int k = 0; k < m->ngrid; ++k) {
        rxd_grid* g = &m->grids[k];
        rxd_grid_reaction_deltas(m, k, ydot + off);
        rxd_grid_currents(g, ydot + off, 1.0);
        rxd_node_fluxes(&g->flux, ydot + off, 1.0);
        off += nvox(g);
    }
    off = 0;
    for (int k = 0; k < m->ngrid; ++k) {
        rxd_grid* g = &m->grids[k];
        if (g->diffusable) {
            rxd_grid_diffusion_rates(g, g->states, ydot + off);
        }
        off += nvox(g);
    }
}

/* Junction values: the zero-volume row of G y = 0 solved for its own node (NEURON takes a
 * parent at index 0 as no parent). */
static void junctions(rxd_model* m) {
    double* s = m->states;
    for (int k = 0; k < m->nzvi; ++k) {
        const int j = m->zvi[k];
        const int p = m->parent[j];
        s[j] = p > 0 ? -(m->gb[j] / m->gd[j]) * s[p] : 0.0;
        for (int e = 0; e < m->nedge; ++e) {
            const int c = m->edge[e];
            if (m->parent[c] == j) {
                s[j] -= (m->ga[c] / m->gd[j]) * s[c];
            }
        }
    }
}

int rxd_cv_fun(void* data, double t, double* y, double* ydot) {
    (void) t;
    rxd_model* m = (rxd_model*) data;
    const int n = m->n;
    if (n > 0) {
        one_d_fun(m, y, ydot);
    }
    if (m->ngrid) {
        grids_fun(m, y + (n - m->nzvi), ydot + (n - m->nzvi));
    }
    return 0;
}

static void one_d_fun(rxd_model* m, const double* y, double* ydot) {
    const int n = m->n;
    unpack(m, y, m->states);
    if (m->diffusion) {
        junctions(m);
    }
    rxd_transfer(m);
    double* rhs = m->work;
    memset(rhs, 0, sizeof(double) * n);
    if (m->diffusion) {
        rxd_diffusion_rates(m, m->states, rhs);
    }
    rxd_reaction_rates(m, rhs);
    if (m->membrane_flux) {
        rxd_membrane_currents(m, NULL);
    }
    rxd_ion_currents(m, rhs);
    rxd_node_fluxes(&m->flux, rhs, 1.0);
    pack(m, rhs, ydot);
}

int rxd_cv_solve(void* data, double gamma, double* b, double* y) {
    rxd_model* m = (rxd_model*) data;
    const int n = m->n;
    if (n == 0) {
        return 0;
    }
    double* fb = m->cv_full;
    double* fy = m->cv_full + n;
    unpack(m, b, fb);
    unpack(m, y, fy);
    if (m->diffusion) {
        rxd_tree_solve(m, fb, gamma);
    }
    rxd_reactions_solve(m, gamma, fy, fb);
    pack(m, fb, b);
    return 0;
}

void rxd_cv_atol(void* data, double* scale) {
    const rxd_model* m = (const rxd_model*) data;
    if (m->cv_atol) {
        for (int i = 0; i < m->n - m->nzvi; ++i) {
            scale[i] *= m->cv_atol[i];
        }
    }
    scale += m->n - m->nzvi;
    for (int k = 0; k < m->ngrid; ++k) {
        for (size_t i = 0; i < nvox(&m->grids[k]); ++i) {
            scale[i] *= m->cv_gatol[k];
        }
        scale += nvox(&m->grids[k]);
    }
}
