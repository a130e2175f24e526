/* rxd_ecs.c -- diffusion on an extracellular Cartesian grid (NEURON's Douglas-Gunn ADI).
 *
 * Voxel (x, y, z) is states[(x*ny + y)*nz + z].  One fixed step:
 *   states_cur = dt * (membrane currents + node fluxes), reaction changes added to states;
 *   x sweep:  (1 - r_x/2 Lx) u* = u + r_x/2 Lx u + r_y Ly u + r_z Lz u + states_cur
 * (L: second differences; at a zero-flux face the one-sided difference u1 - u0)
 *   y sweep:  (1 - r_y/2 Ly) u** = u* - r_y/2 Ly u
 *   z sweep:  (1 - r_z/2 Lz) u' = u** - r_z/2 Lz u
 * with zero-flux (mirror) or fixed-concentration boundaries; when the volume fraction or
 * the permeability varies by voxel, each sweep is a backward-Euler step on the fluxes
 * alpha_i alpha_j D (u_i - u_j) / (alpha_i + alpha_j). */
#include <string.h>

#include "rxd_solver.h"

#define IDX(x, y, z) ((z) + ((y) + (x) * g->ny) * g->nz)
#define SQ(a) ((a) * (a))

/* Thomas algorithm for constant interior coefficients with distinct end rows;
 * b becomes the solution.  c: n-1 doubles of scratch. */
static void tridiag_const(int n, double l, double d, double u, double d0, double u0, double ln,
                          double dn, double* b, double* c) {
    c[0] = u0 / d0;
    b[0] = b[0] / d0;
    for (int i = 1; i < n - 1; ++i) {
        double den = d - l * c[i - 1];
        c[i] = u / den;
        b[i] = (b[i] - l * b[i - 1]) / den;
    }
    b[n - 1] = (b[n - 1] - ln * b[n - 2]) / (dn - ln * c[n - 2]);
    for (int i = n - 2; i >= 0; --i) {
        b[i] -= c[i] * b[i + 1];
    }
}

/* Thomas algorithm for general diagonals (l[i] couples i+1 to i, u[i] couples i to i+1). */
static void tridiag(int n, const double* l, const double* d, const double* u, double* b,
                    double* c) {
    c[0] = u[0] / d[0];
    b[0] = b[0] / d[0];
    for (int i = 1; i < n - 1; ++i) {
        double den = d[i] - l[i - 1] * c[i - 1];
        c[i] = u[i] / den;
        b[i] = (b[i] - l[i - 1] * b[i - 1]) / den;
    }
    b[n - 1] = (b[n - 1] - l[n - 2] * b[n - 2]) / (d[n - 1] - l[n - 2] * c[n - 2]);
    for (int i = n - 2; i >= 0; --i) {
        b[i] -= c[i] * b[i + 1];
    }
}

static void solve_line(const rxd_grid* g, int n, double r, double* rhs, double* scratch) {
    if (n <= 1) {
        return;
    }
    if (g->bc_dirichlet) {
        tridiag_const(n, -r / 2, 1 + r, -r / 2, 1.0, 0.0, 0.0, 1.0, rhs, scratch);
    } else {
        tridiag_const(n, -r / 2, 1 + r, -r / 2, 1 + r / 2, -r / 2, -r / 2, 1 + r / 2, rhs,
                      scratch);
    }
}

/* ------------------------------------------------------------ homogeneous media */

static void adi_x(rxd_grid* g, double dt, int y, int z, const double* s, double* out,
                  double* scratch) {
    const int nx = g->nx;
    const double rx = g->dcx / SQ(g->dx), ry = g->dcy / SQ(g->dy), rz = g->dcz / SQ(g->dz);
    if (g->bc_dirichlet && (y == 0 || z == 0 || y == g->ny - 1 || z == g->nz - 1)) {
        for (int x = 0; x < nx; ++x) {
            out[x] = g->bc_value;
        }
        return;
    }
    int yp = 0, ym = 0, zp = 0, zm = 0;
    double divy = 1.0, divz = 1.0;
    if (g->ny > 1) {
        yp = (y == g->ny - 1) ? y - 1 : y + 1;
        ym = (y == 0) ? y + 1 : y - 1;
        divy = (y == 0 || y == g->ny - 1) ? 2.0 : 1.0;
    }
    if (g->nz > 1) {
        zp = (z == g->nz - 1) ? z - 1 : z + 1;
        zm = (z == 0) ? z + 1 : z - 1;
        divz = (z == 0 || z == g->nz - 1) ? 2.0 : 1.0;
    }
    for (int x = 0; x < nx; ++x) {
        const double c = s[IDX(x, y, z)];
        double yz = ry * (s[IDX(x, yp, z)] - 2.0 * c + s[IDX(x, ym, z)]) / divy +
                    rz * (s[IDX(x, y, zp)] - 2.0 * c + s[IDX(x, y, zm)]) / divz;
        double xx;
        if (x == 0) {
            xx = nx > 1 ? rx * (s[IDX(1, y, z)] - c) / 2.0 : 0.0;
        } else if (x == nx - 1) {
            xx = rx * (s[IDX(x - 1, y, z)] - c) / 2.0;
        } else {
            xx = rx * (s[IDX(x + 1, y, z)] - 2.0 * c + s[IDX(x - 1, y, z)]) / 2.0;
        }
        out[x] = c + dt * (xx + yz) + g->states_cur[IDX(x, y, z)];
    }
    if (g->bc_dirichlet) {
        out[0] = g->bc_value;
        out[nx - 1] = g->bc_value;
    }
    solve_line(g, nx, rx * dt, out, scratch);
}

/* in: output of the x sweep, laid out [(y*nz + z)*nx + x] */
static void adi_y(rxd_grid* g, double dt, int x, int z, const double* in, double* out,
                  double* scratch) {
    const int ny = g->ny, nx = g->nx, nz = g->nz;
    const double r = g->dcy * dt / SQ(g->dy);
    const double* s = g->states;
    if (g->bc_dirichlet && (x == 0 || z == 0 || x == nx - 1 || z == nz - 1)) {
        for (int y = 0; y < ny; ++y) {
            out[y] = g->bc_value;
        }
        return;
    }
    if (ny == 1) {
        out[0] = g->bc_dirichlet ? g->bc_value : in[x + z * nx];
        return;
    }
    for (int y = 0; y < ny; ++y) {
        const double u = in[x + (z + y * nz) * nx];
        const double c = s[IDX(x, y, z)];
        if (y == 0) {
            out[y] = u - r * (s[IDX(x, 1, z)] - 2.0 * c + s[IDX(x, 1, z)]) / 4.0;
        } else if (y == ny - 1) {
            out[y] = u - r * (s[IDX(x, y - 1, z)] - 2.0 * c + s[IDX(x, y - 1, z)]) / 4.0;
        } else {
            out[y] = u - r * (s[IDX(x, y + 1, z)] - 2.0 * c + s[IDX(x, y - 1, z)]) / 2.0;
        }
    }
    if (g->bc_dirichlet) {
        out[0] = g->bc_value;
        out[ny - 1] = g->bc_value;
    }
    solve_line(g, ny, r, out, scratch);
}

/* in: output of the y sweep, laid out [(x*nz + z)*ny + y] */
static void adi_z(rxd_grid* g, double dt, int x, int y, const double* in, double* out,
                  double* scratch) {
    const int ny = g->ny, nx = g->nx, nz = g->nz;
    const double r = g->dcz * dt / SQ(g->dz);
    const double* s = g->states;
    if (g->bc_dirichlet && (x == 0 || y == 0 || x == nx - 1 || y == ny - 1)) {
        for (int z = 0; z < nz; ++z) {
            out[z] = g->bc_value;
        }
        return;
    }
    if (nz == 1) {
        out[0] = g->bc_dirichlet ? g->bc_value : in[y + ny * x];
        return;
    }
    for (int z = 0; z < nz; ++z) {
        const double u = in[y + ny * (x * nz + z)];
        const double c = s[IDX(x, y, z)];
        if (z == 0) {
            out[z] = u - r * (s[IDX(x, y, 1)] - 2.0 * c + s[IDX(x, y, 1)]) / 4.0;
        } else if (z == nz - 1) {
            out[z] = u - r * (s[IDX(x, y, z - 1)] - 2.0 * c + s[IDX(x, y, z - 1)]) / 4.0;
        } else {
            out[z] = u - r * (s[IDX(x, y, z + 1)] - 2.0 * c + s[IDX(x, y, z - 1)]) / 2.0;
        }
    }
    if (g->bc_dirichlet) {
        out[0] = g->bc_value;
        out[nz - 1] = g->bc_value;
    }
    solve_line(g, nz, r, out, scratch);
}

static void adi_homogeneous(rxd_grid* g, double dt) {
    const int nx = g->nx, ny = g->ny, nz = g->nz;
    for (int y = 0; y < ny; ++y) {
        for (int z = 0; z < nz; ++z) {
            adi_x(g, dt, y, z, g->states, &g->states_x[(y * nz + z) * nx], g->scratch);
        }
    }
    for (int x = 0; x < nx; ++x) {
        for (int z = 0; z < nz; ++z) {
            adi_y(g, dt, x, z, g->states_x, &g->states_y[(x * nz + z) * ny], g->scratch);
        }
    }
    for (int x = 0; x < nx; ++x) {
        for (int y = 0; y < ny; ++y) {
            adi_z(g, dt, x, y, g->states_y, &g->states_x[(x * ny + y) * nz], g->scratch);
        }
    }
    memcpy(g->states, g->states_x, sizeof(double) * (size_t) nx * ny * nz);
}

/* ------------------------------------------------- inhomogeneous volume fraction */

#define ALPHA(x, y, z) (g->alpha_array ? g->alpha[IDX(x, y, z)] : g->alpha[0])
#define PERM(x, y, z) (g->perm_array ? g->perm[IDX(x, y, z)] : 1.0)

/* Flux between voxels a and b (coefficient taken at voxel c): alpha_a alpha_b D (u_a - u_b)
 * / (alpha_a + alpha_b), D the direction's coefficient with the permeability of c. */
static double flux(const rxd_grid* g, double dc, int a, int b, int c) {
    const double aa = g->alpha_array ? g->alpha[a] : g->alpha[0];
    const double ab = g->alpha_array ? g->alpha[b] : g->alpha[0];
    const double p = g->perm_array ? g->perm[c] : 1.0;
    return aa * ab * dc * p * (g->states[a] - g->states[b]) / (aa + ab);
}

/* Backward Euler along one line of n voxels; idx(k) gives the voxel, explicit the rest. */
static void vol_line(rxd_grid* g, double dt, double h2, double dc, int n, const int* vox,
                     double* rhs, double* work) {
    double* d = work;
    double* l = d + n;
    double* u = l + n;
    double* c = u + n;
    if (n == 1) {
        return;
    }
    for (int k = 0; k < n; ++k) {
        const double ak = g->alpha_array ? g->alpha[vox[k]] : g->alpha[0];
        double prev = 0.0, next = 0.0;
        if (k > 0) {
            const double ap = g->alpha_array ? g->alpha[vox[k - 1]] : g->alpha[0];
            const double p = g->perm_array ? g->perm[vox[k]] : 1.0;
            prev = ap * dc * p / (ap + ak);
        }
        if (k < n - 1) {
            const double an = g->alpha_array ? g->alpha[vox[k + 1]] : g->alpha[0];
            const double p = g->perm_array ? g->perm[vox[k + 1]] : 1.0;
            next = an * dc * p / (an + ak);
        }
        d[k] = 1.0 + dt * (prev + next) / h2;
        if (k > 0) {
            l[k - 1] = -dt * prev / h2;
        }
        if (k < n - 1) {
            u[k] = -dt * next / h2;
        }
    }
    if (g->bc_dirichlet) {
        d[0] = 1.0;
        u[0] = 0.0;
        d[n - 1] = 1.0;
        l[n - 2] = 0.0;
        rhs[0] = g->bc_value;
        rhs[n - 1] = g->bc_value;
    }
    tridiag(n, l, d, u, rhs, c);
}

static void adi_variable(rxd_grid* g, double dt) {
    const int nx = g->nx, ny = g->ny, nz = g->nz;
    const double hx = SQ(g->dx), hy = SQ(g->dy), hz = SQ(g->dz);
    int maxn = nx > ny ? nx : ny;
    maxn = maxn > nz ? maxn : nz;
    double* rhs = g->scratch;
    double* work = rhs + maxn;
    int* vox = (int*) (work + 4 * maxn);
    double* s = g->states;
    double* sx = g->states_x;
    double* sy = g->states_y;
    /* x sweep: y and z fluxes explicit */
    for (int y = 0; y < ny; ++y) {
        for (int z = 0; z < nz; ++z) {
            const int border = y == 0 || z == 0 || y == ny - 1 || z == nz - 1;
            for (int x = 0; x < nx; ++x) {
                const int i = IDX(x, y, z);
                vox[x] = i;
                if (g->bc_dirichlet && border) {
                    rhs[x] = g->bc_value;
                    continue;
                }
                double f = 0.0;
                if (ny > 1) {
                    const double divy = (y == 0 || y == ny - 1) ? 1.0 : 0.5;
                    const int yp = (y == ny - 1) ? y - 1 : y + 1, ypd = (y == ny - 1) ? y : y + 1;
                    const int ym = (y == 0) ? y + 1 : y - 1, ymd = (y == 0) ? 1 : y;
                    f += (flux(g, g->dcy, IDX(x, yp, z), i, IDX(x, ypd, z)) -
                          flux(g, g->dcy, i, IDX(x, ym, z), IDX(x, ymd, z))) / (divy * hy);
                }
                if (nz > 1) {
                    const double divz = (z == 0 || z == nz - 1) ? 1.0 : 0.5;
                    const int zp = (z == nz - 1) ? z - 1 : z + 1, zpd = (z == nz - 1) ? z : z + 1;
                    const int zm = (z == 0) ? z + 1 : z - 1, zmd = (z == 0) ? 1 : z;
                    f += (flux(g, g->dcz, IDX(x, y, zp), i, IDX(x, y, zpd)) -
                          flux(g, g->dcz, i, IDX(x, y, zm), IDX(x, y, zmd))) / (divz * hz);
                }
                if (nx > 1) {
                    if (x == 0) {
                        f += flux(g, g->dcx, IDX(1, y, z), i, IDX(1, y, z)) / hx;
                    } else if (x == nx - 1) {
                        /* NEURON takes the permeability of the inner voxel here only when
                         * the volume fraction varies */
                        const int c = g->alpha_array ? IDX(x - 1, y, z) : i;
                        f += flux(g, g->dcx, IDX(x - 1, y, z), i, c) / hx;
                    } else {
                        f += (flux(g, g->dcx, IDX(x + 1, y, z), i, IDX(x + 1, y, z)) -
                              flux(g, g->dcx, i, IDX(x - 1, y, z), i)) / hx;
                    }
                }
                rhs[x] = s[i] + dt / ALPHA(x, y, z) * f + g->states_cur[i];
            }
            if (!(g->bc_dirichlet && border)) {
                vol_line(g, dt, hx, g->dcx, nx, vox, rhs, work);
            }
            memcpy(&sx[(y * nz + z) * nx], rhs, sizeof(double) * nx);
        }
    }
    /* y sweep: subtract the explicit y part */
    for (int x = 0; x < nx; ++x) {
        for (int z = 0; z < nz; ++z) {
            const int border = x == 0 || z == 0 || x == nx - 1 || z == nz - 1;
            for (int y = 0; y < ny; ++y) {
                const int i = IDX(x, y, z);
                vox[y] = i;
                double u = sx[x + (z + y * nz) * nx];
                if (g->bc_dirichlet && border) {
                    rhs[y] = g->bc_value;
                    continue;
                }
                if (ny > 1) {
                    if (y == 0) {
                        u -= dt * flux(g, g->dcy, IDX(x, 1, z), i, IDX(x, 1, z)) / (hy * ALPHA(x, 0, z));
                    } else if (y == ny - 1) {
                        u += dt / ALPHA(x, y, z) * flux(g, g->dcy, i, IDX(x, y - 1, z), i) / hy;
                    } else {
                        u -= dt / ALPHA(x, y, z) *
                             (flux(g, g->dcy, IDX(x, y + 1, z), i, IDX(x, y + 1, z)) -
                              flux(g, g->dcy, i, IDX(x, y - 1, z), i)) / hy;
                    }
                }
                rhs[y] = u;
            }
            if (!(g->bc_dirichlet && border)) {
                vol_line(g, dt, hy, g->dcy, ny, vox, rhs, work);
            }
            memcpy(&sy[(x * nz + z) * ny], rhs, sizeof(double) * ny);
        }
    }
    /* z sweep: subtract the explicit z part */
    for (int x = 0; x < nx; ++x) {
        for (int y = 0; y < ny; ++y) {
            const int border = x == 0 || y == 0 || x == nx - 1 || y == ny - 1;
            for (int z = 0; z < nz; ++z) {
                const int i = IDX(x, y, z);
                vox[z] = i;
                double u = sy[y + ny * (x * nz + z)];
                if (g->bc_dirichlet && border) {
                    rhs[z] = g->bc_value;
                    continue;
                }
                if (nz > 1) {
                    if (z == 0) {
                        u -= dt * flux(g, g->dcz, IDX(x, y, 1), i, IDX(x, y, 1)) / (hz * ALPHA(x, y, 0));
                    } else if (z == nz - 1) {
                        u += dt / ALPHA(x, y, z) * flux(g, g->dcz, i, IDX(x, y, z - 1), i) / hz;
                    } else {
                        u -= dt / ALPHA(x, y, z) *
                             (flux(g, g->dcz, IDX(x, y, z + 1), i, IDX(x, y, z + 1)) -
                              flux(g, g->dcz, i, IDX(x, y, z - 1), i)) / hz;
                    }
                }
                rhs[z] = u;
            }
            if (!(g->bc_dirichlet && border)) {
                vol_line(g, dt, hz, g->dcz, nz, vox, rhs, work);
            }
            memcpy(&sx[(x * ny + y) * nz], rhs, sizeof(double) * nz);
        }
    }
    memcpy(g->states, sx, sizeof(double) * (size_t) nx * ny * nz);
}

/* ------------------------------------------------------------------ one step */

/* Membrane currents of the segments inside the grid, less the currents rxd's own membrane
 * fluxes produced (their reactions already moved the ions). */
/* Membrane currents into voxels (less the part rxd's own membrane fluxes produced, which
 * is used up): out += dt * rate. */
void rxd_grid_currents(rxd_grid* g, double* out, double dt) {
    for (int k = 0; k < g->ncur; ++k) {
        const int v = g->cur_voxel[k];
        const double a = g->alpha_array ? g->alpha[v] : g->alpha[0];
        out[v] += dt * g->cur_scale[k] * *g->cur_ptr[k] / a;
    }
    for (int k = 0; k < g->ninduced; ++k) {
        out[g->ind_voxel[k]] -= dt * g->ind_value[k] * g->ind_scale[k];
        g->ind_value[k] = 0.0;
    }
}

/* Changes (or, for the variable step, rates) of voxel values computed with the 1-D reactions
 * (multi-compartment) added to out. */
void rxd_grid_reaction_deltas(const rxd_model* m, int gid, double* out) {
    for (int k = 0; k < m->ngroup; ++k) {
        const rxd_group* grp = &m->groups[k];
        const int ne = grp->necs + grp->necsparam;
        for (int e = 0; e < grp->necs; ++e) {
            if (grp->ecs_grid[e] != gid) {
                continue;
            }
            for (int l = 0; l < grp->nloc; ++l) {
                int v = grp->ecs_voxel[l * ne + e];
                if (v >= 0) {
                    out[v] += grp->ecs_delta[l * grp->necs + e];
                }
            }
        }
    }
}

void rxd_grid_step(rxd_model* m, rxd_grid* g, double dt) {
    const size_t nvox = (size_t) g->nx * g->ny * g->nz;
    memset(g->states_cur, 0, sizeof(double) * nvox);
    rxd_grid_reaction_deltas(m, (int) (g - m->grids), g->states);
    rxd_grid_currents(g, g->states_cur, dt);
    rxd_grid_fluxes(g, dt);
    if (!g->diffusable) {
        for (size_t i = 0; i < nvox; ++i) {
            g->states[i] += g->states_cur[i];
        }
    } else if (g->alpha_array || g->perm_array) {
        adi_variable(g, dt);
    } else {
        adi_homogeneous(g, dt);
    }
}

void rxd_grid_transfer(rxd_grid* g) {
    for (int k = 0; k < g->nconc; ++k) {
        *g->conc_ptr[k] = g->states[g->conc_voxel[k]];
    }
}

/* Diffusion rates of a grid (variable step): zero-flux boundaries reflect (half weight at
 * the faces); fixed-concentration boundary voxels do not change at all.  With a varying
 * volume fraction, fluxes are weighted by the neighbours' fractions; with a varying
 * permeability, coefficients are taken at the faces. */
void rxd_grid_diffusion_rates(const rxd_grid* g, const double* s, double* ydot) {
    const int nx = g->nx, ny = g->ny, nz = g->nz, nyz = ny * nz;
    const int vol = g->alpha_array, tort = !vol && g->perm_array;
    const double rx = (tort ? 1.0 : g->dcx) / (g->dx * g->dx);
    const double ry = (tort ? 1.0 : g->dcy) / (g->dy * g->dy);
    const double rz = (tort ? 1.0 : g->dcz) / (g->dz * g->dz);
#define P(i, j, k) (g->perm_array ? g->perm[((i) * ny + (j)) * nz + (k)] : 1.0)
#define VF(x) (g->alpha_array ? g->alpha[x] : g->alpha[0])
#define FLUX(p, x) ((VF(p) * VF(x) * (s[p] - s[x])) / (0.5 * (VF(p) + VF(x))))
    for (int i = 0; i < nx; ++i) {
        for (int j = 0; j < ny; ++j) {
            for (int k = 0; k < nz; ++k) {
                const int idx = (i * ny + j) * nz + k;
                const int edge = i == 0 || i == nx - 1 || j == 0 || j == ny - 1 || k == 0 ||
                                 k == nz - 1;
                if (g->bc_dirichlet && edge) {
                    ydot[idx] = 0;
                    continue;
                }
                /* neighbours and face indices, reflected at zero-flux boundaries */
                const int dir = g->bc_dirichlet;
                const int pi = (!dir && i == 0) ? idx + nyz : idx - nyz;
                const int ni = (!dir && i == nx - 1) ? idx - nyz : idx + nyz;
                const int pj = (!dir && j == 0) ? idx + nz : idx - nz;
                const int nj = (!dir && j == ny - 1) ? idx - nz : idx + nz;
                const int pk = (!dir && k == 0) ? idx + 1 : idx - 1;
                const int nk = (!dir && k == nz - 1) ? idx - 1 : idx + 1;
                const int xpd = (!dir && i == nx - 1) ? i : i + 1, xmd = (!dir && i == 0) ? 1 : i;
                const int ypd = (!dir && j == ny - 1) ? j : j + 1, ymd = (!dir && j == 0) ? 1 : j;
                const int zpd = (!dir && k == nz - 1) ? k : k + 1, zmd = (!dir && k == 0) ? 1 : k;
                const double divx = (!dir && (i == 0 || i == nx - 1)) ? 2. : 1.;
                const double divy = (!dir && (j == 0 || j == ny - 1)) ? 2. : 1.;
                const double divz = (!dir && (k == 0 || k == nz - 1)) ? 2. : 1.;
                const int dox = dir || nx > 1, doy = dir || ny > 1, doz = dir || nz > 1;
                if (vol) {
                    if (dox) {
                        double t = rx * (FLUX(ni, idx) * P(xpd, j, k) + FLUX(pi, idx) * P(xmd, j, k));
                        ydot[idx] += dir ? t / VF(idx) : t / (VF(idx) * divx);
                    }
                    if (doy) {
                        double t = ry * (FLUX(nj, idx) * P(i, ypd, k) + FLUX(pj, idx) * P(i, ymd, k));
                        ydot[idx] += dir ? t / VF(idx) : t / (VF(idx) * divy);
                    }
                    if (doz) {
                        double t = rz * (FLUX(nk, idx) * P(i, j, zpd) + FLUX(pk, idx) * P(i, j, zmd));
                        ydot[idx] += dir ? t / VF(idx) : t / (VF(idx) * divz);
                    }
                } else if (tort) {
                    if (dox) {
                        const double a = g->dcx * P(xmd, j, k), b = g->dcx * P(xpd, j, k);
                        double t = rx * (a * s[pi] - (a + b) * s[idx] + b * s[ni]);
                        ydot[idx] += dir ? t : t / divx;
                    }
                    if (doy) {
                        const double a = g->dcy * P(i, ymd, k), b = g->dcy * P(i, ypd, k);
                        double t = ry * (a * s[pj] - (a + b) * s[idx] + b * s[nj]);
                        ydot[idx] += dir ? t : t / divy;
                    }
                    if (doz) {
                        const double a = g->dcz * P(i, j, zmd), b = g->dcz * P(i, j, zpd);
                        double t = rz * (a * s[pk] - (a + b) * s[idx] + b * s[nk]);
                        ydot[idx] += dir ? t : t / divz;
                    }
                } else {
                    if (dox) {
                        double t = rx * (s[pi] - 2.0 * s[idx] + s[ni]);
                        ydot[idx] += dir ? t : t / divx;
                    }
                    if (doy) {
                        double t = ry * (s[pj] - 2.0 * s[idx] + s[nj]);
                        ydot[idx] += dir ? t : t / divy;
                    }
                    if (doz) {
                        double t = rz * (s[pk] - 2.0 * s[idx] + s[nk]);
                        ydot[idx] += dir ? t : t / divz;
                    }
                }
            }
        }
    }
#undef P
#undef VF
#undef FLUX
}
