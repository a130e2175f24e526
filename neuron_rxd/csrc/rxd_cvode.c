/* rxd_cvode.c -- the reaction-diffusion states as an ODE block of the engine's variable
 * step integrator, as NEURON couples them to CVODE:
 *   y     the 1-D states without the zero-volume (junction) nodes, which are algebraic, then
 *         the voxels of each grid (extracellular, or 3-D intracellular) in grid order;
 *   f     1-D: junction values from their neighbours, concentrations to the engine, then
 *         -G y + reaction rates + ion currents + node fluxes (reactions read the voxel values
 *         of the previous f);
 *         grids: voxel concentrations to the engine, reactions as (one implicit step of the
 *         current step size) / step size, multi-compartment rates, currents, node fluxes,
 *         explicit diffusion;
 *   solve the Newton system (I - gamma J) x = b approximated by the diffusion tree solve
 *         followed by the per-location reaction solve; line solves for 3-D intracellular
 *         grids, identity for extracellular ones. */
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

/* The k-th grid of y: its size and states. */
static size_t grid_size(const rxd_model* m, int k) {
    const int c = m->cv_order[k];
    return c >= 0 ? nvox(&m->grids[c]) : (size_t) m->ics[-1 - c].n;
}

static double* grid_states(const rxd_model* m, int k) {
    const int c = m->cv_order[k];
    return c >= 0 ? m->grids[c].states : m->ics[-1 - c].states;
}

int rxd_cv_count(void* data) {
    const rxd_model* m = (const rxd_model*) data;
    size_t n = (size_t) (m->n - m->nzvi);
    for (int k = 0; k < m->ngrid + m->nics; ++k) {
        n += grid_size(m, k);
    }
    return (int) n;
}

void rxd_cv_states(void* data, double* y) {
    const rxd_model* m = (const rxd_model*) data;
    pack(m, m->states, y);
    y += m->n - m->nzvi;
    for (int k = 0; k < m->ngrid + m->nics; ++k) {
        memcpy(y, grid_states(m, k), sizeof(double) * grid_size(m, k));
        y += grid_size(m, k);
    }
}

static void grids_fun(rxd_model* m, const double* y, double* ydot) {
    const int ng = m->ngrid + m->nics;
    size_t total = 0;
    for (int k = 0; k < ng; ++k) {
        memcpy(grid_states(m, k), y + total, sizeof(double) * grid_size(m, k));
        total += grid_size(m, k);
    }
    for (int k = 0; k < m->ngrid; ++k) {
        rxd_grid_transfer(&m->grids[k]);
    }
    for (int k = 0; k < m->nics; ++k) {
        rxd_ics_transfer(&m->ics[k]);
    }
    memset(ydot, 0, sizeof(double) * total);
    if (m->necsgroup) {
        const double dt = *m->cv_dt;
        for (int k = 0; k < m->necsgroup; ++k) {
            rxd_ecs_group* e = &m->ecs_groups[k];
            e->fn(e->nvox, e->ys, e->ps, dt);
        }
        size_t off2 = 0;
        for (int k = 0; k < ng; ++k) {
            double* st = grid_states(m, k);
            for (size_t i = 0; i < grid_size(m, k); ++i) {
                ydot[off2 + i] += (st[i] - y[off2 + i]) / dt;
                st[i] = y[off2 + i];
            }
            off2 += grid_size(m, k);
        }
    }
    /* NEURON steps through ydot by the size of the last grid here, whatever each grid's
     * size; contributions landing past the end are dropped. */
    const size_t stride = grid_size(m, ng - 1);
    double* tmp = m->cv_full + 2 * (size_t) m->n;
    for (int k = 0; k < ng; ++k) {
        const int c = m->cv_order[k];
        const size_t sz = grid_size(m, k);
        memset(tmp, 0, sizeof(double) * sz);
        if (c >= 0) {
            rxd_grid* g = &m->grids[c];
            rxd_grid_reaction_deltas(m, c, tmp);
            rxd_grid_currents(g, tmp, 1.0);
            rxd_node_fluxes(&g->flux, tmp, 1.0);
        } else {
            rxd_ics* g = &m->ics[-1 - c];
            rxd_ics_currents(g, tmp, 1.0);
            rxd_node_fluxes(&g->flux, tmp, 1.0);
        }
        const size_t base = (size_t) k * stride;
        for (size_t i = 0; i < sz && base + i < total; ++i) {
            if (tmp[i] != 0.0) {
                ydot[base + i] += tmp[i];
            }
        }
    }
    size_t off = 0;
    for (int k = 0; k < ng; ++k) {
        const int c = m->cv_order[k];
        if (c >= 0) {
            if (m->grids[c].diffusable) {
                rxd_grid_diffusion_rates(&m->grids[c], m->grids[c].states, ydot + off);
            }
        } else if (m->ics[-1 - c].diffusable) {
            rxd_ics_diffusion_rates(&m->ics[-1 - c], m->ics[-1 - c].states, ydot + off);
        }
        off += grid_size(m, k);
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
    if (m->ngrid + m->nics) {
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

/* 3-D intracellular blocks of the Newton solve.  NEURON steps through b by the size of the
 * last grid, whatever each grid's size. */
static void grids_solve(rxd_model* m, double gamma, double* b, size_t room) {
    const int ng = m->ngrid + m->nics;
    if (m->nics == 0 || ng == 0) {
        return;
    }
    const size_t stride = grid_size(m, ng - 1);
    for (int k = 0; k < ng; ++k) {
        const int c = m->cv_order[k];
        if (c < 0) {
            rxd_ics* g = &m->ics[-1 - c];
            if ((size_t) k * stride + (size_t) g->n <= room) {
                rxd_ics_cv_solve(g, gamma, b + (size_t) k * stride);
            }
        }
    }
}

int rxd_cv_solve(void* data, double gamma, double* b, double* y) {
    rxd_model* m = (rxd_model*) data;
    const int n = m->n;
    const size_t n1 = (size_t) (n - m->nzvi);
    grids_solve(m, gamma, b + n1, (size_t) rxd_cv_count(data) - n1);
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
    for (int k = 0; k < m->ngrid + m->nics; ++k) {
        for (size_t i = 0; i < grid_size(m, k); ++i) {
            scale[i] *= m->cv_gatol[k];
        }
        scale += grid_size(m, k);
    }
}
