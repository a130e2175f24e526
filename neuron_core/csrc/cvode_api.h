/* cvode_api.h -- the variable-step integrator (NEURON's CVode class).
 *
 * Three parts, all plain C that cffi reads:
 *   1. cvb_*: a variable-order (1-5) BDF integrator in fixed-leading-coefficient Nordsieck
 *      form with modified Newton iteration (the method of SUNDIALS CVODE, Hindmarsh et al.),
 *      generic over the right-hand side and the linear solve (cvode_bdf.c, cvode_dense.c,
 *      cvode_diag.c);
 *   2. idb_*: the same family for implicit systems F(t, y, y') = 0 in divided-difference form
 *      (the method of SUNDIALS IDA), generic over the residual and the linear solve
 *      (ida_bdf.c, ida_dense.c);
 *   3. nrn_cvode_*: NEURON's variable-step method over the engine's model (cvode_model.c: y,
 *      f(y), the Hines-based Newton solve; ida_model.c: the DAE form with extracellular or
 *      use_daspk; cvode_run.c, cvode_local.c: steps, events, thresholds, records).
 * Units: t, h ms; v mV; states in their mechanism's units. */

#define CVB_QMAX 5
#define CVB_SUCCESS 0
#define CVB_TSTOP_RETURN 1
#define CVB_TOO_MUCH_WORK -1
#define CVB_TOO_MUCH_ACC -2
#define CVB_ERR_FAILURE -3
#define CVB_CONV_FAILURE -4
#define CVB_LSETUP_FAIL -6
#define CVB_LSOLVE_FAIL -7
#define CVB_RHSFUNC_FAIL -8
#define CVB_ILL_INPUT -22
#define CVB_BAD_T -25
#define CVB_TOO_CLOSE -27
/* stoprun bit set by a CVode.event(t) without a statement (NEURON's tstopbit) */
#define NRN_CVODE_TSTOP_BIT 32768
#define CVB_NORMAL 1
#define CVB_ONE_STEP 2

/* f(t, y) -> ydot; 0 on success, > 0 recoverable, < 0 fatal */
typedef int (*cvb_rhs_fn)(double t, double* y, double* ydot, void* data);
/* prepare the linear solve of (I - gamma J) x = b near (ypred, fpred); sets *jcur when J is
 * current. convfail: 0 no failures, 1 bad J, 2 other failure. */
typedef int (*cvb_lsetup_fn)(void* data, int convfail, double* ypred, double* fpred, int* jcur,
                             double gamma);
/* solve (I - gamma J) x = b in place; ycur/fcur the current iterate and f(ycur) */
typedef int (*cvb_lsolve_fn)(void* data, double* b, double* ycur, double* fcur, double gamma,
                             double gamrat);

typedef struct cvb_mem {
    int n;
    int qmax;
    double* block;            /* storage of everything below */
    double* zn[6];            /* Nordsieck history zn[j] = h^j y^(j) / j! */
    double* ewt;              /* error weights 1/(rtol |y| + atol_i) */
    double* acor;             /* accumulated correction of the step */
    double* y;                /* current Newton iterate */
    double* tempv;
    double* ftemp;
    double* atol;             /* [n] absolute tolerances (owned by the caller) */
    double rtol;
    cvb_rhs_fn f;
    cvb_lsetup_fn lsetup;     /* NULL: none */
    cvb_lsolve_fn lsolve;     /* NULL: functional iteration */
    void* data;               /* user data of f */
    void* ldata;              /* user data of lsetup/lsolve */
    /* method state */
    int q, qprime, next_q, L, qwait, indx_acor, qu;
    double h, hprime, next_h, eta, hscale, tn, tretlast, h0u, hu;
    double saved_tq5, etamax, etaq, etaqm1, etaqp1;
    double tau[7];
    double tq[6];
    double l[6];
    double rl1, gamma, gammap, gamrat, crate, acnrm, nlscoef;
    double hmin, hmax_inv, tstop, uround, hin;
    int tstopset;
    int jcur;
    int maxcor, maxnef, maxncf, mxstep;
    /* counters */
    long nst, nfe, ncfn, netf, nni, nsetups, nstlp, nscon, nhnil, nlsolve;
    int initialized;          /* first step done (zn[1] loaded) */
    int pad;
} cvb_mem;

int cvb_alloc(cvb_mem* m, int n, int qmax);
void cvb_free(cvb_mem* m);
int cvb_reinit(cvb_mem* m, double t0, double* y0);
void cvb_set_stop_time(cvb_mem* m, double tstop);
/* integrate: CVB_ONE_STEP takes one step (not beyond a stop time), CVB_NORMAL returns y at
 * tout (interpolated when tout <= tn). */
int cvb_solve(cvb_mem* m, double tout, double* yout, double* tret, int itask);
int cvb_get_dky(cvb_mem* m, double t, int k, double* dky);
double cvb_wrms(int n, double* x, double* w);

/* dense linear solver with an optional user Jacobian (CVode.jacobian(1), tests) */
typedef int (*cvb_jac_fn)(double t, double* y, double* fy, double* J, void* data);
typedef struct cvb_dense {
    cvb_mem* cv;
    cvb_jac_fn jac;           /* J column-major n x n; NULL: difference quotients */
    void* jac_data;
    double* J;                /* saved Jacobian */
    double* M;                /* LU of I - gamma J */
    int* piv;
    double* work;
    long nje, nstlj;
    int n;
    int pad;
} cvb_dense;

int cvb_dense_attach(cvb_dense* d, cvb_mem* cv, cvb_jac_fn jac, void* jac_data);
int cvb_dense_lsetup(void* data, int convfail, double* ypred, double* fpred, int* jcur,
                     double gamma);
int cvb_dense_lsolve(void* data, double* b, double* ycur, double* fcur, double gamma,
                     double gamrat);
void cvb_dense_free(cvb_dense* d);
int cvb_lu_factor(double* a, int n, int* piv);
void cvb_lu_solve(double* a, int n, int* piv, double* b);

/* ------------------------------------------------------------------------------------------
 * idb_*: variable-order BDF for implicit systems F(t, y, y') = 0, the method of SUNDIALS IDA
 * (ida_bdf.c), with a dense direct linear solver for general systems (ida_dense.c).
 * ------------------------------------------------------------------------------------------ */

#define IDB_MAXORD 5
#define IDB_SUCCESS 0
#define IDB_TSTOP_RETURN 1
#define IDB_TOO_MUCH_WORK -1
#define IDB_TOO_MUCH_ACC -2
#define IDB_ERR_FAIL -3
#define IDB_CONV_FAIL -4
#define IDB_LSETUP_FAIL -6
#define IDB_LSOLVE_FAIL -7
#define IDB_RES_FAIL -8
#define IDB_REP_RES_ERR -9
#define IDB_ILL_INPUT -22
#define IDB_BAD_T -25
#define IDB_NORMAL 1
#define IDB_ONE_STEP 2

/* residual r = F(t, y, y'); 0 on success, > 0 recoverable, < 0 fatal */
typedef int (*idb_res_fn)(double t, double* y, double* yp, double* r, void* data);
/* prepare solves with J = dF/dy + cj dF/dy' near (y, y'), r = F there (NULL: no setup) */
typedef int (*idb_lsetup_fn)(void* ldata, double* y, double* yp, double* r);
/* b <- J^-1 b (ycur, ypcur, rcur: the current iterate and its residual) */
typedef int (*idb_lsolve_fn)(void* ldata, double* b, double* ycur, double* ypcur, double* rcur);

typedef struct idb_mem {
    int n, maxord, ncol;
    int pad0;
    double* block;            /* storage of everything below */
    double* phi[6];           /* modified divided differences, phi[0] = y, phi[1] = h y' */
    double* ewt;              /* error weights 1/(rtol |y| + atol_i) */
    double* ee;               /* accumulated Newton correction of the step */
    double* delta;            /* residual / Newton update */
    double* savres;           /* copy of the residual for the linear solve */
    double* yy;               /* y and y' of the step (the caller's output arrays) */
    double* yp;
    double* atol;             /* [n] absolute tolerances (owned by the caller) */
    double rtol;
    idb_res_fn res;
    void* data;               /* user data of res */
    idb_lsetup_fn lsetup;     /* NULL: no setup (the solve builds its own matrix) */
    idb_lsolve_fn lsolve;
    void* ldata;
    /* method state */
    double psi[6], alpha[6], beta[6], sigma[6], gamma[6];
    double hh, hused, h0u, hin, hmax_inv, tn, tretp, tstop, uround;
    double cj, cjold, cjratio, cjlast, ss, rr, epcon, epsnewt, toldel, tolsf;
    int kk, kused, knew, phase, ns, tstopset, started, maxcor, maxnef, maxncf, mxstep;
    int pad1;
    /* counters */
    long nst, nre, ncfn, netf, nni, nsetups;
} idb_mem;

int idb_alloc(idb_mem* m, int n, int maxord);
void idb_free(idb_mem* m);
int idb_reinit(idb_mem* m, double t0, double* y0, double* yp0);
void idb_set_stop_time(idb_mem* m, double tstop);
int idb_ewt_set(idb_mem* m, const double* y);
/* IDB_ONE_STEP: one step (never past a stop time); IDB_NORMAL: y, y' at tout */
int idb_solve(idb_mem* m, double tout, double* tret, double* yret, double* ypret, int itask);
int idb_get_solution(idb_mem* m, double t, double* yret, double* ypret);

/* dense linear solver: J column-major n x n from jac, or difference quotients when NULL */
typedef int (*idb_jac_fn)(double t, double cj, double* y, double* yp, double* r, double* J,
                          void* data);
typedef struct idb_dense {
    idb_mem* ida;
    idb_jac_fn jac;
    void* jac_data;
    double* J;                /* LU factors of J */
    int* piv;
    double* work;
    long nje, nreD;
    int n;
    int pad;
} idb_dense;

int idb_dense_attach(idb_dense* d, idb_mem* ida, idb_jac_fn jac, void* jac_data);
void idb_dense_free(idb_dense* d);

/* ------------------------------------------------------------------------------------------
 * NEURON's global variable-step method over the engine model.
 * ------------------------------------------------------------------------------------------ */

typedef struct nrn_cvode_mech {
    int k;                    /* index into engine mechs */
    int nstate;               /* states per instance */
    int* scol;                /* [nstate] state columns */
    int* dcol;                /* [nstate] derivative columns */
    int ieq;                  /* first equation of this mechanism (in its system) */
    int ninst;                /* instances in the system */
    int row0;                 /* first instance row (instances are contiguous per cell) */
    int pad;
} nrn_cvode_mech;

typedef struct nrn_cvode_stats {
    long advance_calls, interpolate_calls, init_calls, ts_inits;
    long f_calls, mxb_calls, jac_calls;
} nrn_cvode_stats;

/* An ODE system over a node range: the whole model (global step) or one cell (local step). */
typedef struct nrn_cvsys {
    int node0, node1;         /* nodes [node0, node1) */
    int neq, nv;
    int* vnode;               /* [nv] node of each voltage equation */
    int nnocap, nnocap_child, nnocap_pp, nmech;
    int* nocap;               /* zero-area nodes */
    int* nocap_child;         /* nodes whose parent is a zero-area node */
    int* nocap_pp;            /* (mechanism, row) of point processes on zero-area nodes */
    nrn_cvode_mech* mechs;    /* [nmech] integrated states */
    nrn_mech* views;          /* [engine nmech] the system's instances of every mechanism */
    int nrec;                 /* per-step records owned by the system (local step) */
    int* rec;
    int nps;                  /* threshold sources owned by the system (local step) */
    int* ps;
    int global;               /* the whole model: BEFORE/AFTER blocks and non-voltage blocks */
    int nblk;                 /* states of ODE blocks, equations [neq - nblk, neq) */
} nrn_cvsys;

/* CVode.jacobian(2): CVODE's diagonal approximation of J from one extra f (cvode_diag.c) */
typedef struct cvb_diag {
    cvb_mem* cv;
    double* M;                /* inverse of the diagonal of I - gamma J */
    double* ftemp;
    double* ypert;
    double gammasv;           /* gamma of M */
    long nfeDI;
} cvb_diag;

int cvb_diag_attach(cvb_diag* d, cvb_mem* cv);
void cvb_diag_free(cvb_diag* d);

/* One integrator with NEURON's Cvode bookkeeping (t_, t0_ = tn_ - h, tstop_ ...); the global
 * one is IDA over NEURON's DAE form when dae is set */
typedef struct nrn_cvi {
    nrn_cvsys sys;
    cvb_mem cv;
    cvb_dense dense;
    cvb_diag diag;
    idb_mem ida;
    double* y;
    double* yp;               /* DAE: y' */
    double* atol;
    double* scratch;
    double t_, t0_, tn_, tstop_, tstop_begin_, tstop_end_, next_at_time_;
    int initialize_, can_retreat_, prior2init_, use_dense;
    int dae;
    int init_failures;        /* DAE: initializations whose residual check failed */
    nrn_cvode_stats stats;
} nrn_cvi;

typedef struct nrn_cvode {
    int active;
    int local;                /* use_local_dt: one integrator per cell */
    unsigned char* is_cap;    /* [nnode] 1: node has capacitance (owned by Python) */
    double* atolscale;        /* [neq] of the global map (Python-owned) */
    double* gmem;             /* [nnode] membrane di/dv from the last f (S/cm2) */
    nrn_cvi gi;               /* the global integrator */
    int nlcv;
    int neq;                  /* equations in all */
    nrn_cvi* lcv;             /* [nlcv] local step: one per cell */
    nrn_cvi* cur;             /* the integrator whose f is running (at_time) */
    int use_dense;            /* CVode.jacobian(1) dense, 2 diagonal */
    int stiff;                /* 0 functional iteration, 1 voltage-only Newton, 2 all */
    int maxorder;
    int condition_order;      /* 1 step boundary, 2 interpolated crossing */
    double atol_base;
    double rtol;
    double maxstep, minstep;
    int initialized_;         /* an integrator was (re)initialized in this microstep */
    int structure_ok;
    /* condition_order 2: pending interpolated threshold crossings, per source */
    int ncond, capcond;
    double* cond_valold;
    double* cond_told;
    double* cond_tq;          /* pending crossing time, or -1e300 */
    int* cond_flag;
    int* cond_valid;          /* told/valold set since the last init */
    /* continuous Vector.play breakpoints that re-initialize the integrator */
    int nbrk, capbrk;
    double* brk_t;
    int brk_next;
    int pad2;
    /* local step: the cell owning each record, play and threshold source (-1: none), set
     * from Python before a run */
    int* rec_owner;
    int* play_owner;
    int* ps_owner;
    int nrec_owner, nplay_owner, nps_owner;
    /* NEURON's DAE form (use_daspk, extracellular): y = per node vi (= v + vext[0]) then its
     * extracellular layers, then the ODE states; the map comes from Python */
    int dae;
    int neq_v;                /* node and layer equations */
    int init_style;           /* dae_init_dteps style: 0 error, 1 warning, 2 decaying correction */
    int* eqnode;              /* [nnode] equation of each node's vi (layers follow it) */
    double dteps;             /* ms, the two fully implicit initialization steps */
    double* gmem_ext;         /* [nlayer * nnode] electrode conductances in the layers */
    double* parasite;         /* [neq] init_style 2: residual left by the initialization */
    double t_parasite;
    int use_parasite;
    int pad4;
    /* condition_order 2 for WATCH: per engine watch, as for threshold sources */
    int capwcond;
    int pad5;
    double* wcond_valold;
    double* wcond_told;
    double* wcond_valthresh;
    double* wcond_tq;
    int* wcond_valid;
} nrn_cvode;

/* ODE states of compiled code outside mechanisms (reaction-diffusion), appended to the
 * global system's y after the mechanism states:
 *   count(data)                  number of states (asked when the equation map is made)
 *   states(data, y)              current values -> y (at each initialization)
 *   fun(data, t, y, ydot)        take the states from y and write dy/dt; called in every f
 *                                after the voltages are set and before membrane currents,
 *                                so the block's concentrations feed the currents (a block
 *                                with no states is still called: gap-junction transfer)
 *   solve(data, gamma, b, y)     b <- (I - gamma J)^-1 b for the block's part of the Newton
 *                                system (J its own Jacobian; NULL: x = b)
 *   atol(data, scale)            optional: absolute tolerance scale of each state
 * fun/solve return 0 on success, nonzero to fail the step. */
typedef struct nrn_cvode_block {
    int (*count)(void* data);
    void (*states)(void* data, double* y);
    int (*fun)(void* data, double t, double* y, double* ydot);
    int (*solve)(void* data, double gamma, double* b, double* y);
    void (*atol)(void* data, double* scale);
    void* data;
    int offset;               /* first equation (set by the engine) */
    int n;                    /* its state count at the last setup */
} nrn_cvode_block;

int nrn_cvode_block_register(nrn_cvode_block* b);
void nrn_cvode_block_unregister(int id);
int nrn_cvode_block_count(void);
void nrn_cvode_block_atol(double* scale);

nrn_cvode* nrn_cvode_get(void);
int nrn_cvode_setup(int neq, int nv, int* vnode, unsigned char* is_cap, int nmech,
                    nrn_cvode_mech* mechs, double* atolscale, int ncell, int* cell_start);
int nrn_cvode_finitialize(void);
int nrn_cvode_re_init(void);
int nrn_cvode_fadvance(void);
int nrn_cvode_solve(double tout);
int nrn_cvode_run_until(double tstop);
/* stdrun's loop when CVode was switched on directly (CVode().active(1), not cvode_active()):
 * nstep single CVode steps at a time while t < ts, no stop event (NEURON ends past tstop) */
int nrn_cvode_steps_until(double ts, int nstep);
int nrn_cvode_fun(double t, double* y, double* ydot);
int nrn_cvode_gather(double* y);
int nrn_cvode_dstates(double* ydot);
void nrn_cvode_set_active(int on);
int nrn_cvode_stop_event(double t);
void nrn_cvode_set_breakpoints(double* t, int n);
const char* nrn_cvode_errmsg(int code);
const char* nrn_ida_errmsg(int code);

/* DAE form (ida_model.c) */
int nrn_cvode_dae_map(int neq_v, int* eqnode);
int nrn_dae_res(double t, double* y, double* yp, double* delta, void* data);
int nrn_dae_psol(void* ldata, double* b, double* ycur, double* ypcur, double* rcur);
int nrn_dae_init(nrn_cvi* ci);
void nrn_dae_gather(nrn_cvsys* s, double* y);
void nrn_dae_dstates(nrn_cvsys* s, double* out);

/* shared between the cvode*.c modules */
int nrn_cvode_f_internal(double t, double* y, double* ydot, void* data);
int nrn_cvode_lsetup_internal(void* data, int convfail, double* ypred, double* fpred, int* jcur,
                              double gamma);
int nrn_cvode_lsolve_internal(void* data, double* b, double* ycur, double* fcur, double gamma,
                              double gamrat);
void nrn_cvode_scatter(nrn_cvsys* s, double* y);
void nrn_cvode_gather_internal(nrn_cvsys* s, double* y);
void nrn_cvode_states_scatter(nrn_cvsys* s, const double* y);
void nrn_cvode_states_gather(nrn_cvsys* s, double* y);
void nrn_cvode_move_dstates(nrn_cvsys* s, double* y, int to_y);
void nrn_cvode_hines(int n0, int n1);
int nrn_cvode_at_time(nrn_ctx* ctx, double te);
int nrn_cvi_alloc(nrn_cvi* ci);
void nrn_cvi_free(nrn_cvi* ci);
void nrn_cvsys_free(nrn_cvsys* s);
int nrn_cvode_local_setup(int ncell, int* cell_start);
int nrn_cvode_local_init_all(double t);
int nrn_cvode_local_solve(double tout);
/* cvode_run.c pieces the local step reuses */
int nrn_cvi_init(nrn_cvi* ci, double tout);
int nrn_cvi_advance(nrn_cvi* ci);
int nrn_cvi_interpolate(nrn_cvi* ci, double tout);
void nrn_cvi_record(nrn_cvi* ci);
void nrn_cvi_set_init_flag(nrn_cvi* ci);
double nrn_cvode_eps(double x);
void nrn_cvode_blocks_gather(int base, double* y);
int nrn_cvode_blocks_fun(int base, double t, double* y, double* ydot);
int nrn_cvode_blocks_solve(int base, double gamma, double* b, double* y);
nrn_cvi* nrn_cvode_event_cvi(const nrn_event* ev, int* reinit);
void nrn_cvode_evaluate_conditions(nrn_cvi* ci);
void nrn_cvode_check_thresholds(nrn_cvi* ci);
double nrn_cvode_least_event(void);
int nrn_cvode_deliver_events(double tt);
