/* nrn_mech_abi.h -- the one interface between the engine and compiled mechanisms.
 *
 * A mechanism library (built by neuron_nmodl from .mod files) includes only this header.
 * It never links against the engine: every engine service is reached through the
 * nrn_api function table handed to nrn_mech_lib_init(), and every piece of model data
 * through the nrn_ctx and nrn_mech structures passed to each callback.
 *
 * Data layout (structure of arrays):
 *   nrn_mech.p   doubles, column-major per variable: variable column c of instance i is
 *                p[c * stride + i].  An array variable of size k occupies k consecutive
 *                columns.  Column numbers are fixed by the library's metadata.
 *   nrn_mech.pp  pointer slots, same layout: slot s of instance i is pp[s * stride + i].
 *                Slots hold ion variables (ena, ina, dina_dv_, nai, ...), POINTERs and
 *                other per-instance references resolved by the engine.
 *   nrn_mech.node  node index of each instance (-1 for artificial cells).
 *   nrn_mech.pnt   stable point-process id of each instance (point processes and
 *                  artificial cells only; events name their target by this id).
 *
 * Units follow NEURON: v mV, t ms, area um2, density currents mA/cm2, conductances S/cm2,
 * point-process currents nA and conductances uS (scaled by 100/area onto the node).
 */
#ifndef NRN_MECH_ABI_H
#define NRN_MECH_ABI_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define NRN_MECH_ABI_VERSION 1

typedef struct nrn_api nrn_api;
typedef struct nrn_ctx nrn_ctx;
typedef struct nrn_mech nrn_mech;
typedef struct nrn_vec nrn_vec;

/* A growable vector of doubles owned by the engine's Python side (Vector objects). */
struct nrn_vec {
    double* data;
    int64_t size;
    int64_t cap;
    void* handle; /* engine-private */
};

/* Simulation state seen by mechanisms (one per thread). */
struct nrn_ctx {
    double t;          /* ms; during NET_RECEIVE the exact event time */
    double dt;         /* ms */
    double celsius;    /* degC */
    double cj;         /* 1/dt, or 2/dt when secondorder > 0 */
    int secondorder;
    int nnode;
    double* v;         /* [nnode] membrane potential (mV) */
    double* rhs;       /* [nnode] right-hand side of the current-balance equations */
    double* d;         /* [nnode] matrix diagonal */
    double* area;      /* [nnode] um2; 100 for zero-area nodes */
    double* diam;      /* [nnode] um */
    double* vext;      /* [nnode] extracellular layer-0 potential, or NULL when absent */
    const nrn_api* api;
    void* engine;      /* engine-private */
};

/* All instances of one mechanism type. */
struct nrn_mech {
    int n;             /* number of instances */
    int stride;        /* column stride (>= n) */
    int type;          /* engine mechanism type id */
    int nthread_pad;
    const int* node;   /* [n] node index (-1: artificial cell) */
    const int* pnt;    /* [n] point-process id, or NULL for density mechanisms */
    double* p;         /* [ncol * stride] instance data */
    double** pp;       /* [nslot * stride] pointer slots */
    double* globals;   /* the mechanism's GLOBAL block (same array the library exports) */
};

/* Engine services.  Functions that can fail report through error(), which records the
 * message; the engine checks it after each callback and raises a Python exception. */
struct nrn_api {
    int abi_version;
    /* Events (point processes / artificial cells).  `w` is the weight vector of the
     * NetCon whose event is being handled (NULL outside NET_RECEIVE). */
    void (*net_send)(nrn_ctx* ctx, nrn_mech* m, int i, double* w, double delay, double flag);
    void (*net_event)(nrn_ctx* ctx, nrn_mech* m, int i, double t);
    void (*net_move)(nrn_ctx* ctx, nrn_mech* m, int i, double tnew);
    /* WATCH: deactivate all watches of instance i, then activate watch k with flag. */
    void (*watch_clear)(nrn_ctx* ctx, nrn_mech* m, int i);
    void (*watch_activate)(nrn_ctx* ctx, nrn_mech* m, int i, int k, double flag);
    /* ELECTRODE_CURRENT contribution at node nd: rhs += i_rhs, d -= g (routed to the
     * extracellular layer and fast i_membrane_ bookkeeping as NEURON does). */
    void (*electrode_current)(nrn_ctx* ctx, int nd, double i_rhs, double g);
    /* at_time(te): true on the step that reaches te (fixed step), see NEURON's at_time. */
    int (*at_time)(nrn_ctx* ctx, double te);
    /* Errors from mechanism code (also used by VERBATIM hoc_execerror). */
    void (*error)(const char* msg, const char* detail);
    /* Random numbers for NMODL RANDOM variables and legacy scop_random.  `stream` is
     * the pointer-slot value of the RANDOM variable (a Random123 stream owned by the
     * engine).  uniform: (0,1); normal: N(0,1); negexp: mean 1. */
    double (*random_uniform)(double* stream);
    double (*random_normal)(double* stream);
    double (*random_negexp)(double* stream);
    double (*scop_random)(void);
    /* Vectors passed to mechanism procedures (VERBATIM vector_arg and friends). */
    nrn_vec* (*vector_arg)(int iarg);
    void (*vector_resize)(nrn_vec* v, int64_t n);
    /* Arguments of the FUNCTION/PROCEDURE call in progress from Python or HOC. */
    int (*ifarg)(int iarg);
    double* (*getarg)(int iarg);
    const char* (*gargstr)(int iarg);
    /* Output from mechanism code goes through the engine so Python sees it. */
    int (*printf_)(const char* fmt, ...);
    /* More RANDOM builtins: random_setids, random_setseq, random_ipick, and the
     * two/three-argument forms random_uniform(r, a, b), random_negexp(r, mean),
     * random_normal(r, mean, std). */
    void (*random_setids)(double* stream, double id1, double id2, double id3);
    void (*random_setseq)(double* stream, double seq);
    double (*random_ipick)(double* stream);
    double (*random_uniform_ab)(double* stream, double a, double b);
    double (*random_negexp_mean)(double* stream, double mean);
    double (*random_normal_ms)(double* stream, double mean, double std);
    /* FOR_NETCONS: weight vectors of the NetCons targeting instance i (at most maxn of
     * them are stored in w); returns how many there are. */
    int (*for_netcons)(nrn_ctx* ctx, nrn_mech* m, int i, double** w, int maxn);
    /* nrn_fake_fire(gid, t, fake_out): make gid spike at t as if from its cell (PatternStim):
     * fake_out 0/1 the stand-in source of a gid owned elsewhere, 2 the gid's own source. */
    void (*fake_fire)(int gid, double t, int fake_out);
    /* hoc_pgetarg for the FUNCTION/PROCEDURE call in progress (the arguments getarg reads):
     * the address argument iarg (1-based) names -- a `_ref_` reference (`vec._ref_x[0]`,
     * `seg._ref_v`, numpy_element_ref(a, i); `&vec.x[0]` in HOC) -- or the data of a Vector
     * argument; NULL for any other argument (a number, a string, an object, no such
     * argument), without recording an error.  FUNCTION_TABLE's table_<name>(y, n, ...) forms
     * read y and the points of an argument through it.  The address stays valid until the
     * call returns. */
    double* (*pgetarg)(int iarg);
    /* How many doubles can be read from pgetarg(iarg): from the address to the end of the
     * array holding it (a Vector's size for a Vector argument); 0 when pgetarg(iarg) is NULL.
     * Code that reads a given number of values through pgetarg checks it first. */
    int64_t (*pgetarg_size)(int iarg);
    /* A Random object passed as argument iarg of the call in progress (VERBATIM
     * nrn_random_arg): an opaque handle that stays valid while the Random lives (the engine
     * keeps a Random handed to a point process alive with it); NULL for any other
     * argument, without recording an error. */
    void* (*random_arg)(int iarg);
    /* The next number from that Random's generator and current distribution. */
    double (*random_pick)(void* r);
    /* 1 with its Random123 identifiers when that Random uses Random123, else 0. */
    int (*random_ids123)(void* r, uint32_t* id1, uint32_t* id2, uint32_t* id3);
    /* Reserved for growth without an ABI version change. */
    void* reserved[3];
};

/* Callbacks of one mechanism type.  Any pointer may be NULL. */
typedef void (*nrn_mech_fn)(nrn_ctx* ctx, nrn_mech* m);
typedef void (*nrn_inst_fn)(nrn_ctx* ctx, nrn_mech* m, int i);
typedef void (*nrn_netrec_fn)(nrn_ctx* ctx, nrn_mech* m, int i, double* w, double flag);
typedef void (*nrn_netinit_fn)(nrn_ctx* ctx, nrn_mech* m, int i, double* w);
typedef double (*nrn_watch_fn)(nrn_ctx* ctx, nrn_mech* m, int i, int k);
typedef double (*nrn_call_fn)(nrn_ctx* ctx, nrn_mech* m, int i, const double* args);
/* LONGITUDINAL_DIFFUSION (see nrn_mech_desc.ldifus): pin/af/bf hold one entry per instance
 * of m. */
typedef void (*nrn_ldifus_fn)(nrn_ctx* ctx, nrn_mech* m, int method, const int* pin,
                              const double* af, const double* bf);

typedef struct nrn_fn_entry {
    const char* name;  /* FUNCTION or PROCEDURE name as written in the .mod file */
    int nargs;
    int is_procedure;
    nrn_call_fn fn;
} nrn_fn_entry;

typedef struct nrn_mech_desc {
    int abi_version;         /* NRN_MECH_ABI_VERSION */
    const char* name;        /* SUFFIX or POINT_PROCESS / ARTIFICIAL_CELL name */
    const char* metadata;    /* JSON: variables, columns, slots, ions, flags */
    nrn_inst_fn constructor; /* CONSTRUCTOR block / per-instance setup */
    nrn_inst_fn destructor;
    nrn_mech_fn initialize;  /* INITIAL (all instances) */
    nrn_mech_fn current;     /* BREAKPOINT currents: rhs and d together */
    nrn_mech_fn state;       /* SOLVE'd blocks, with the new v */
    nrn_mech_fn table_check; /* rebuild TABLEs whose DEPENDs changed */
    nrn_netrec_fn net_receive;
    nrn_netinit_fn net_init; /* NET_RECEIVE's INITIAL block */
    nrn_watch_fn watch_cond; /* WATCH k condition: > 0 when true */
    nrn_mech_fn after_cvode; /* SOLVE ... METHOD after_cvode */
    nrn_mech_fn before_initial, after_initial, before_breakpoint, after_solve, before_step;
    /* Variable step (CVODE) interface, over the states listed in the metadata ("states";
     * each state s has a derivative column "D<s>", kind "dstate").
     * ode_spec:   with v and the state columns holding the integrator's y, write dy/dt into
     *             the D<s> columns (currents are evaluated separately through `current`).
     * ode_matsol: the D<s> columns hold b on entry; solve (1 - ctx->dt * J_ss) x = b with
     *             J_ss = d(ds/dt)/ds (the diagonal Jacobian), ctx->dt being gamma during the
     *             call, and leave x in D<s>.  KINETIC schemes may solve their block instead. */
    nrn_mech_fn ode_spec;
    nrn_mech_fn ode_matsol;
    /* Under variable step, after the integrator's y is put in the state columns: set the
     * ion concentrations the mechanism writes from its states (NEURON's ode synonyms). */
    nrn_mech_fn ode_synonym;
    double* globals;         /* GLOBAL block */
    int nglobals;
    const nrn_fn_entry* fns;
    int nfns;
    /* LONGITUDINAL_DIFFUSION: STATEs that diffuse along the cable between the instances of
     * this mechanism (NEURON's ldifus.cpp).  `m` is the instances of whole cells in node order
     * (all of them, or one thread's or one cell's view); for each instance i, with indices
     * relative to m:
     *   pin[i]  the instance i diffuses with on the root side, or -1: the instance at i's
     *           parent node; when that node has none (the zero-area node at a section's end),
     *           the one at that node's parent; when still none, the one at the first segment
     *           of the parent section (NEURON's parentsec->pnode[0]).  pin[i] < i.
     *   af[i] = 2*rall/dxp/(dxc + dxp),  bf[i] = 2/dxc/(dxc + dxp), with dxc = L/nseg of
     *           i's section, dxp = L/nseg of pin[i]'s section, rall = the section's rallbranch
     *           when i is in its first segment, else 1 (both unused when pin[i] = -1).
     * The engine recomputes them after changes of structure, L, nseg or rallbranch, and calls
     *   method 0  fixed step: after every mechanism's `state`, before non-voltage blocks
     *             (the states diffuse over ctx->dt by backward Euler);
     *   method 1  variable step: after the mechanisms' ode_spec (D<state> += the fluxes);
     *   method 2  variable step: after the mechanisms' ode_matsol, ctx->dt = gamma (D<state>
     *             becomes the solution of the Newton system with the diffusion coupling).
     * NULL when the mechanism has no LONGITUDINAL_DIFFUSION. */
    nrn_ldifus_fn ldifus;
    void* reserved[7];
} nrn_mech_desc;

/* Every mechanism library exports this.  It stores `api` for the library's own use and
 * returns the descriptors of the mechanisms it contains. */
typedef const nrn_mech_desc* const* (*nrn_mech_lib_init_fn)(const nrn_api* api, int* count);
#define NRN_MECH_LIB_INIT_SYMBOL "nrn_mech_lib_init"

#ifdef __cplusplus
}
#endif
#endif /* NRN_MECH_ABI_H */
