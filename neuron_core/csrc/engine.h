/* engine.h -- the engine's data structures and entry points, shared by the C sources and
 * exposed to Python through cffi (build_engine.py reads this file as the cdef, so it holds
 * plain declarations only: no macros with bodies, no conditionals). */

#define NRN_KIND_DENSITY 0
#define NRN_KIND_POINT 1
#define NRN_KIND_ARTIFICIAL 2
#define NRN_KIND_ION 3
#define NRN_KIND_EXTRACELLULAR 4

#define NRN_EV_NETCON 1
#define NRN_EV_SELF 2
#define NRN_EV_WATCH 3
#define NRN_EV_PLAY 4
#define NRN_EV_RECORD 5
#define NRN_EV_PYTHON 6

typedef struct nrn_mech_entry {
    nrn_mech m;
    const nrn_mech_desc* desc;
    int kind;       /* NRN_KIND_* */
    int electrode;  /* ELECTRODE_CURRENT */
    int has_state;  /* desc->state != NULL */
    int pad;
} nrn_mech_entry;

/* LONGITUDINAL_DIFFUSION of one mechanism (nrn_mech_desc.ldifus): NEURON's couplings of its
 * instances, with instance indices in node order (csrc/ldifus.c, neuron_core/ldifus.py). */
typedef struct nrn_ldifus {
    int k;             /* index into engine mechs */
    int ncol;          /* data columns and pointer slots (gathered when perm is set) */
    int nslot;
    int pad;
    const int* pin;    /* [n] partner on the root side (-1: none), relative to all instances */
    const int* pin_thr;   /* the same relative to the first instance of the thread's view */
    const int* pin_cell;  /* the same relative to the first instance of the cell */
    const double* af;  /* [n] 2*rall/dxp/(dxc + dxp) */
    const double* bf;  /* [n] 2/dxc/(dxc + dxp) */
    const int* perm;   /* NULL: rows are in node order; else the row at each node-order position
                          (sections attached by their 1 end keep rows in segment order) */
    double* p;         /* [ncol * stride] the instances' data gathered in node order (perm) */
    double** pp;       /* [nslot * stride] */
    int* node;         /* [stride] */
} nrn_ldifus;

typedef struct nrn_netcon {
    double* w;        /* weight vector (owned by the Python NetCon) */
    double delay;     /* ms */
    int wcnt;
    int active;
    int target;       /* point-process id of the target, -1: none */
    int presyn;       /* source, -1: none */
    int in_use;
    int gen;          /* bumped when freed: queued events of an old NetCon are ignored */
} nrn_netcon;

typedef struct nrn_presyn {
    double* thvar;    /* watched variable, NULL when spikes come from net_event */
    double threshold;
    double valthresh;
    int flag;         /* 1 while above threshold */
    int pnt;          /* source point process id, -1 for a variable source */
    int* nc;          /* NetCon ids fed by this source */
    int nnc, capnc;
    nrn_vec* rec_t;   /* NetCon.record(tvec): spike times */
    nrn_vec* rec_id;  /* NetCon.record(tvec, idvec): ids */
    double rec_idval;
    int gid;          /* ParallelContext gid, -1 when none */
    int in_use;
    int output;       /* spikes are recorded by spike_record */
    int pad;
} nrn_presyn;

typedef struct nrn_event {
    double t;
    uint64_t seq;
    int type;         /* NRN_EV_* */
    int target;       /* netcon id, pnt id, play id, record id or callback id */
    int netcon;       /* weight owner for self events, -1: none */
    int pos;          /* position in the heap, maintained for net_move */
    double flag;
    int gen;          /* generation of the NetCon named by target (NETCON) or netcon (SELF) */
    int pad;
} nrn_event;

typedef struct nrn_watch {
    int pnt;
    int k;
    double flag;
    int state;        /* condition was true at the last check */
    int active;
} nrn_watch;

typedef struct nrn_record {
    double* src;
    nrn_vec* y;
    nrn_vec* tvec;    /* record at these times (mode 2) */
    double dt_rec;    /* record every dt_rec ms (mode 1) */
    int mode;         /* 0 every step, 1 every dt_rec, 2 at tvec times */
    int next;         /* index of the next tvec sample */
    int gen;          /* bumped by each (re)initialization: older pending samples are dropped */
    int pad;
} nrn_record;

typedef struct nrn_play {
    double* dst;
    nrn_vec* y;
    nrn_vec* tvec;    /* NULL with dt_play */
    double dt_play;
    int continuous;
    int next;         /* index of the next discrete event */
    int last_i;       /* interpolation search start */
    int pad;
} nrn_play;

typedef struct nrn_randplay {
    void* rng;        /* nrn_rng* of a Random object */
    void* dist;       /* nrn_rand_dist* */
    double* dst;
} nrn_randplay;

typedef struct nrn_pnt {
    int mech;         /* index into engine mechs */
    int row;
    int presyn;       /* output source for net_event, -1: none */
    int tqitem;       /* heap index of the last self event (for net_move), -1 */
    uint64_t tqseq;   /* its sequence number, to detect stale handles */
} nrn_pnt;

typedef struct nrn_extcell {
    int nlayer;
    int stride;        /* column stride of the extracellular mechanism data */
    int* row;          /* [nnode] -2: no extracellular; -1: end/root node; >= 0: mechanism row */
    double* p;         /* mechanism data: xraxial[nl] xg[nl] xc[nl] e i_membrane sav_g sav_rhs */
    double* vx;        /* [nlayer][nnode] layer potentials (mV) */
    double* ax;        /* [nlayer][nnode] axial coefficients, as a/b of the cable */
    double* bx;
    double* rhs;       /* [nlayer][nnode] work */
    double* d;
    double* x12;       /* [nlayer][nnode] coupling vi-vx0 (k=0), vx(k-1)-vx(k) */
    double* blk;       /* [nnode][1+nl][1+nl] block solve work */
    double* blkrhs;    /* [nnode][1+nl] */
} nrn_extcell;

typedef struct nrn_engine {
    nrn_ctx ctx;
    nrn_api api;
    /* nodes */
    int nnode;
    int nroot;
    int* parent;          /* [nnode], -1 for roots */
    double* a;            /* [nnode] effect of node i on its parent's equation */
    double* b;            /* [nnode] effect of the parent on node i's equation */
    double* cm;           /* [nnode] uF/cm2 */
    double* i_cap;        /* [nnode] mA/cm2, computed after each solve */
    double* d0;           /* [nnode] capacitance and axial part of d, constant while cj and
                             geometry are; recomputed when d0_cj != cj */
    double d0_cj;
    double* sav_d;        /* [nnode] fast i_membrane_, NULL when off */
    double* sav_rhs;      /* [nnode] fast i_membrane_ (nA after the step), NULL when off */
    /* extracellular (NULL when no section has it) */
    nrn_extcell* ext;
    /* mechanisms in call order */
    int nmech;
    nrn_mech_entry* mechs;
    /* mechanisms with LONGITUDINAL_DIFFUSION */
    int nldifus;
    int pad_ldifus;
    nrn_ldifus* ldifus;
    /* threads: nodes [thr_node[t], thr_node[t+1]) are thread t's cells; thr_mechs[t*nmech+k]
     * is mechanism k's instances in those cells */
    int nthread;
    int has_ba;           /* some mechanism has BEFORE/AFTER blocks (run single-threaded) */
    int* thr_node;
    nrn_mech* thr_mechs;
    /* tree-solve schedule: per thread t, chains (a section's nodes from its attachment end)
     * chain_lo[t] .. chain_lo[t+1]-1 grouped by height in the tree (leaves first, boundaries in
     * lev_off), and its cells' root nodes roots[root_lo[t] .. root_lo[t+1]-1] */
    int* chain_start;
    int* chain_len;
    int* lev_off;         /* per thread: lev_lo[t] .. lev_lo[t+1] index lev_off */
    int* lev_lo;
    int* chain_lo;
    int* roots;
    int* root_lo;
    /* chains solved four at a time (equal length, a parent no other chain of the level has):
     * quad q is chains quad_start[4q .. 4q+3] of length quad_len[q]; level l (indexed as
     * lev_off) has quads qlev_off[l] .. qlev_off[l+1]-1, and its other chains in lev_off */
    int* quad_start;
    int* quad_len;
    int* qlev_off;
    /* point processes */
    int npnt;
    nrn_pnt* pnts;
    /* network */
    int nnetcon, capnetcon, nfree_netcon;
    nrn_netcon* netcons;
    int npresyn, cappresyn, nfree_presyn;
    nrn_presyn* presyns;
    int* thr_ps;          /* presyns with a watched variable (threshold checks) */
    int nthr, capthr;
    int thr_dirty;        /* set when sources change; the list is rebuilt lazily */
    int nwatch, capwatch;
    nrn_watch* watches;
    /* event queue */
    int nev, capev;
    nrn_event* heap;
    uint64_t evseq;
    /* recording and playing */
    int nrecord;
    nrn_record* records;
    int nplay;
    nrn_play* plays;
    int nrandplay;
    nrn_randplay* randplays;
    /* spikes of sources that have a gid and are outputs (ParallelContext): the exchange
     * buffer (drained by Python between integration intervals) and spike_record(-1, ...) */
    nrn_vec* out_t;
    nrn_vec* out_gid;
    nrn_vec* recall_t;
    nrn_vec* recall_gid;
    /* state */
    int stoprun;
    int use_fast_imem;
    int errored;
    char errmsg[512];
    double spike_teps;    /* 1e-10: threshold spikes stamped at t + teps */
    int nwarn;
    int pad;
} nrn_engine;

nrn_engine* nrn_engine_get(void);
void nrn_engine_reset_error(void);

/* vectors */
void nrn_vec_append(nrn_vec* v, double x);
void nrn_vec_reserve(nrn_vec* v, int64_t n);

/* network tables */
int nrn_netcon_new(void);
void nrn_netcon_free(int id);
int nrn_presyn_new(void);
void nrn_presyn_free(int id);
void nrn_presyn_add_netcon(int ps, int nc);
void nrn_presyn_remove_netcon(int ps, int nc);
int nrn_watch_reserve(int n);
void nrn_netcon_event(int nc, double t);
void nrn_presyn_fire(int ps, double t);

/* events */
void nrn_clear_events(void);
void nrn_event_push(double t, int type, int target, int netcon, double flag);
int nrn_deliver_events(double til);
int nrn_python_event(double t, int id);
void nrn_play_init(void);
void nrn_record_init(void);
void nrn_record_continuous(void);
void nrn_random_play(void);

/* arguments of a mechanism FUNCTION/PROCEDURE call (VERBATIM ifarg/getarg/...; ptr[i]: the
 * address a pointer argument names, ptrsize[i] the doubles readable from it; NULL/0 else) */
void nrn_set_call_args(int n, double* x, nrn_vec** vec, const char** str, double** ptr,
                       int64_t* ptrsize);
void nrn_set_call_randoms(void** rand);
int nrn_init_events(void);

/* mechanism libraries */
const nrn_mech_desc* const* nrn_load_mech_library(const char* path, int* count, char* err, int errlen);
const nrn_mech_desc* nrn_ion_descriptor(void);

/* simulation */
void nrn_table_check(void);
void nrn_setup_tree_matrix(void);
void nrn_solve(void);
int nrn_fixed_step(void);
int nrn_run_until(double tstop);
int nrn_init_mechanisms(void);
void nrn_fcurrent(void);
int nrn_fcurrent_init(void);
double nrn_nernst(double ci, double co, double z, double celsius);
double nrn_ghk(double v, double ci, double co, double z, double celsius);

/* Implemented in Python (cffi extern "Python+C"); declared here for the C sources. */
void nrnpy_vec_grow(nrn_vec* v, int64_t n);
void nrnpy_event(int id, double t);
int nrnpy_printf(const char* s);
void nrnpy_fake_fire(int gid, double t, int fake_out);
