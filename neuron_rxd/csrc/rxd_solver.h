/* rxd_solver.h -- the compiled reaction-diffusion solver of neuron_rxd.
 *
 * Python (neuron_rxd) owns every array and fills these structures; the engine calls
 * rxd_nonvint() once per phase (see neuron_core's nonvint_api.h) with the rxd_model as data.
 * Units: concentrations mM, time ms, lengths um, ion currents mA/cm2.
 *
 * One fixed step (phase SOLVE), in NEURON's order:
 *   1-D: rhs = -G y + currents; (C + dt G) dy = dt rhs on the tree; y += dy; zero-volume
 *        nodes = 0; reactions (one linearised implicit step per location); node fluxes;
 *        concentrations copied to the engine's ion variables.
 *   3-D grids (extracellular and intracellular): reactions, currents, node fluxes,
 *        Douglas-Gunn ADI; concentrations copied to the engine's ion variables. */
#ifndef RXD_SOLVER_H
#define RXD_SOLVER_H

#include "nrn_mech_abi.h"

/* Phases of the engine's non-voltage blocks (neuron_core nonvint_api.h). */
#define RXD_PHASE_INIT 0
#define RXD_PHASE_CURRENT 1
#define RXD_PHASE_COND 2
#define RXD_PHASE_SOLVE 3
#define RXD_PHASE_STRUCTURE 4

/* A compiled rate function.  y: intracellular unknowns of one location, p: parameters,
 * ye/pe: extracellular unknowns/parameters (voxel values), dydt/dyedt: rates (mM/ms),
 * mult: location multipliers (multi-compartment reactions), v: membrane potential (mV),
 * flux: charge-weighted membrane fluxes (NULL when not wanted). */
typedef void (*rxd_rate_fn)(const double* y, const double* p, const double* ye,
                            const double* pe, double* dydt, double* dyedt, const double* mult,
                            double v, double* flux);

/* A compiled solver of a group whose slots are all present at every location: the same
 * implicit step as rxd_reactions, specialized for the group's sizes. */
typedef void (*rxd_fast_fn)(int nloc, const int* slot, const int* param, const double* mult,
                            int nmult, double* const* vptr, double* states, double dt);

/* The reactions of one set of locations sharing the same regions. */
typedef struct rxd_group {
    rxd_rate_fn fn;
    rxd_fast_fn fast;    /* NULL: use the general solver */
    int nloc;            /* locations (segments) */
    int nslot;           /* intracellular unknowns per location */
    int nparam;          /* intracellular parameters per location */
    int necs;            /* extracellular unknowns per location */
    int necsparam;       /* extracellular parameters per location */
    int nmult;           /* multipliers per location */
    int nflux;           /* membrane-flux outputs per location */
    const int* slot;     /* [nloc*nslot] index into the 1-D states, -1 when absent */
    const int* param;    /* [nloc*nparam] index into the 1-D states, -1 when absent */
    const int* ecs_grid; /* [necs+necsparam] grid of each extracellular value */
    const int* ecs_voxel;/* [nloc*(necs+necsparam)] voxel index, -1 when outside */
    const double* mult;  /* [nloc*nmult] */
    double** vptr;       /* [nloc] membrane potential, NULL when not voltage dependent */
    const int* flux_node;   /* [nloc] engine node of the location */
    const double* flux_scale; /* [nloc*nflux] mA/cm2 per unit of flux output */
    const int* flux_cur;    /* [nloc*nflux*2] entries of the model's current table, -1 */
    double** flux_ion;      /* [nloc*nflux] ion current variable the flux adds to, or NULL */
    const int* flux_ecs_grid; /* [nloc*nflux] grid whose voxel sees the current, -1 */
    const int* flux_ecs_entry;/* [nloc*nflux] entry of that grid's induced-current table */
    double* ecs_delta;   /* [nloc*necs] extracellular changes of the last step */
} rxd_group;

/* A compiled solver of the reactions of one extracellular region (voxel by voxel). */
typedef void (*rxd_ecs_fn)(int nvox, double* const* ys, double* const* ps, double dt);

typedef struct rxd_ecs_group {
    rxd_ecs_fn fn;
    int nvox;
    double** ys;         /* states of the grids the reactions change */
    double** ps;         /* states of the grids of parameters */
} rxd_ecs_group;

/* Sources added to nodes each step (node.include_flux): mM um3 per ms / scale. */
typedef struct rxd_flux_table {
    int n;
    const int* index;    /* [n] state index (1-D states or grid voxels) */
    const double* scale; /* [n] divides the source (mM um3 per source unit) */
    double** ptr;        /* [n] source variable, or NULL */
    const double* value; /* [n] constant source when ptr is NULL and pycall[k] < 0 */
    const int* pycall;   /* [n] Python callable id, or -1 */
} rxd_flux_table;

/* The extracellular Cartesian grid of one species. */
typedef struct rxd_grid {
    int nx, ny, nz;      /* box size */
    double dx, dy, dz;   /* um */
    double dcx, dcy, dcz;/* um2/ms, tortuosity applied when scalar */
    int diffusable;
    double* states;      /* [nvox] mM */
    double* states_x;    /* [nvox] ADI work */
    double* states_y;    /* [nvox] ADI work */
    double* states_cur;  /* [nvox] current/flux increments of this step */
    double* scratch;     /* [2*maxline] tridiagonal work */
    const double* alpha; /* volume fraction: [1] or [nvox] */
    int alpha_array;
    const double* perm;  /* permeability (1/tortuosity^2): [1] (already in dc) or [nvox] */
    int perm_array;
    int bc_dirichlet;    /* 0 zero flux, 1 fixed concentration bc_value */
    double bc_value;
    /* membrane currents into voxels (ions on sections inside the grid) */
    int ncur;
    const int* cur_voxel;    /* [ncur] */
    double** cur_ptr;        /* [ncur] ion current (mA/cm2) */
    const double* cur_scale; /* [ncur] mM/ms per mA/cm2 before the volume fraction */
    /* currents produced by rxd membrane fluxes (skipped: the reactions move those ions) */
    int ninduced;
    const int* ind_voxel;    /* [ninduced] */
    const double* ind_scale; /* [ninduced] mM/ms per mA/cm2 */
    double* ind_value;       /* [ninduced] mA/cm2, set in phase CURRENT */
    /* voxel concentrations copied to the engine's ion variables (Xo) */
    int nconc;
    const int* conc_voxel;
    double** conc_ptr;
    rxd_flux_table flux;     /* node fluxes into voxels */
} rxd_grid;

/* The voxels of one species in one region solved in 3-D (intracellular). */
typedef struct rxd_ics {
    int n;               /* voxels */
    double* states;      /* [n] mM */
    const double* alpha; /* [n] volume / dx^3 */
    double dx;           /* um (same in all directions) */
    double dcx, dcy, dcz;/* um2/ms when homogeneous */
    const double* dcgrid;/* [3n] per-voxel coefficients (x, y, z), or NULL */
    int diffusable;      /* 0: parameters and states (no diffusion, no currents) */
    /* lines of neighbouring voxels per direction: (first voxel, length) pairs, and all voxels
     * in line order */
    int nline_x, nline_y, nline_z;
    const int* line_x;
    const int* line_y;
    const int* line_z;
    const int* order_x;
    const int* order_y;
    const int* order_z;
    double* delta_x;     /* [n] */
    double* delta_y;
    double* delta_z;
    double* states_cur;  /* [n] current and flux increments of this step */
    double* work;        /* [5*maxline] */
    /* ion currents: segment k feeds voxels cur_node[cur_start[k] .. cur_start[k+1]) */
    int ncurseg;
    double** cur_ptr;        /* [ncurseg] ion current (mA/cm2) */
    const int* cur_start;
    const int* cur_node;
    const double* cur_scale; /* [n] mM/ms per mA/cm2 of each voxel */
    /* concentrations: segment k's ion variable is the mean of its surface voxels */
    int nconcseg;
    double** conc_ptr;
    const int* conc_start;
    const int* conc_node;
    rxd_flux_table flux;     /* node fluxes into voxels */
} rxd_ics;

/* Everything rxd computes each step. */
typedef struct rxd_model {
    /* 1-D states (all species, all sections, zero-volume nodes included) */
    int n;
    double* states;
    int diffusion;           /* nonzero when the tree matrix has off-diagonal entries */
    const int* parent;       /* [n] tree parent, -1 at roots */
    const double* ga;        /* [n] G[parent][i] */
    const double* gb;        /* [n] G[i][parent] */
    const double* gd;        /* [n] G[i][i] (1/ms) */
    const double* cdiag;     /* [n] 1, or 0 for algebraic zero-volume nodes */
    int nedge;
    const int* edge;         /* [nedge] nodes with a parent, ascending */
    int nsolve;
    const int* solve_node;   /* [nsolve] nodes the back substitution changes, ascending */
    double fact_dt;          /* dt of the cached factorization (< 0: none) */
    double* fac;             /* [n] elimination factors of (C + dt G) */
    double* dinv;            /* [n] 1 / eliminated diagonal */
    double* dtgb;            /* [n] dt * gb */
    int nzvi;
    const int* zvi;          /* zero-volume (conservation) nodes */
    double* work;            /* [n] */
    /* NEURON ion currents into 1-D states */
    int ncur;
    const int* cur_index;    /* [ncur] state index */
    const double* cur_scale; /* [ncur] mM/ms per mA/cm2 */
    double** cur_ptr;        /* [ncur] ion current (mA/cm2) */
    double* cur_induced;     /* [ncur] part of the current produced by rxd reactions */
    /* 1-D concentrations copied to the engine's ion variables */
    int nconc;
    const int* conc_index;
    double** conc_ptr;
    /* reactions */
    int ngroup;
    rxd_group* groups;
    int maxdim;              /* largest Jacobian of any location */
    double* rwork;           /* reaction scratch, sized by rxd_reaction_work_size */
    int* iwork;              /* [maxdim] */
    rxd_flux_table flux;     /* node fluxes into 1-D states */
    /* extracellular reactions, then 3-D grids */
    int necsgroup;
    rxd_ecs_group* ecs_groups;
    int ngrid;
    rxd_grid* grids;
    int nics;
    rxd_ics* ics;
    int nthread;
    int membrane_flux;       /* nonzero when a group produces membrane currents */
    /* variable step */
    double* cv_full;         /* [2n + largest grid] scratch: b and y with the zero-volume nodes */
    const double* cv_atol;   /* [n - nzvi] absolute tolerance scale, or NULL */
    const int* cv_order;     /* [ngrid + nics] grids in y order: ECS slot k, or -1 - ICS slot */
    const double* cv_gatol;  /* [ngrid + nics] absolute tolerance scale of each grid, y order */
    const double* cv_dt;     /* the integrator's current step (the engine's dt) */
} rxd_model;

void rxd_nonvint(nrn_ctx* ctx, int phase, void* data);
void rxd_fixed_step(rxd_model* m, double dt);
void rxd_transfer(rxd_model* m);
void rxd_tree_solve(rxd_model* m, double* rhs, double dt);
void rxd_reactions(rxd_model* m, double dt);
int rxd_reaction_work_size(int maxdim, int maxslots);
void rxd_membrane_currents(rxd_model* m, nrn_ctx* ctx);
void rxd_grid_step(rxd_model* m, rxd_grid* g, double dt);
void rxd_grid_transfer(rxd_grid* g);
int rxd_lu_solve(int n, double* a, double* b, int* piv);
void rxd_grid_fluxes(rxd_grid* g, double dt);
void rxd_ics_step(rxd_ics* g, double dt);
void rxd_ics_transfer(rxd_ics* g);
void rxd_ics_currents(const rxd_ics* g, double* out, double dt);
void rxd_ics_diffusion_rates(const rxd_ics* g, const double* s, double* ydot);
void rxd_ics_cv_solve(rxd_ics* g, double dt, double* b);
void rxd_node_fluxes(const rxd_flux_table* f, double* states, double dt);
void rxd_diffusion_rates(const rxd_model* m, const double* y, double* rhs);
void rxd_ion_currents(const rxd_model* m, double* rhs);
void rxd_reaction_rates(rxd_model* m, double* rhs);
void rxd_reactions_solve(rxd_model* m, double gamma, const double* y, double* b);
void rxd_grid_currents(rxd_grid* g, double* out, double dt);
void rxd_grid_reaction_deltas(const rxd_model* m, int gid, double* out);
void rxd_grid_diffusion_rates(const rxd_grid* g, const double* s, double* ydot);

/* The 1-D states as an ODE block of the engine's variable-step integrator (neuron_core
 * cvode_api.h nrn_cvode_block): y holds the states without the zero-volume nodes. */
int rxd_cv_count(void* data);
void rxd_cv_states(void* data, double* y);
int rxd_cv_fun(void* data, double t, double* y, double* ydot);
int rxd_cv_solve(void* data, double gamma, double* b, double* y);
void rxd_cv_atol(void* data, double* scale);

#endif
