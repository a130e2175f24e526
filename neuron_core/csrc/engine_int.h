/* engine_int.h -- declarations private to the engine's C sources. */
#ifndef NRN_ENGINE_INT_H
#define NRN_ENGINE_INT_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nrn_mech_abi.h"
#include "engine.h"

extern nrn_engine nrn_eng;

/* ion data columns (engine-coded ion mechanisms) */
enum { ION_E = 0, ION_CI = 1, ION_CO = 2, ION_CUR = 3, ION_DCURDV = 4, ION_STYLE = 5 };
/* ion globals */
enum { IONG_CI0 = 0, IONG_CO0 = 1, IONG_CHARGE = 2 };

void nrn_error(const char* msg, const char* detail);

/* core.c pieces other engine modules (variable step) reuse */
void nrn_call_ba(int which);
void nrn_mechanism_currents(nrn_ctx* c);
void nrn_axial_rhs(void);
void nrn_update_voltage(void);
void nrn_mechanism_states(void);
int nrn_check_error(void);

/* ldifus.c: LONGITUDINAL_DIFFUSION.  `which` names the view m is: 0 all instances, 1 a
 * thread's view, 2 a cell's view. */
void nrn_ldifus_view(int j, const nrn_mech* m, int which, int method);
void nrn_ldifus_step(int tid);
void nrn_ldifus_views(const nrn_mech* views, int which, int method);

/* events.c */
void nrn_check_thresholds(void);
int nrn_deliver_until(double til);
void nrn_play_continuous(double t);
void nrn_events_net_send(nrn_ctx* ctx, nrn_mech* m, int i, double* w, double delay, double flag);
void nrn_events_net_event(nrn_ctx* ctx, nrn_mech* m, int i, double t);
void nrn_events_net_move(nrn_ctx* ctx, nrn_mech* m, int i, double tnew);
void nrn_events_watch_clear(nrn_ctx* ctx, nrn_mech* m, int i);
void nrn_events_watch_activate(nrn_ctx* ctx, nrn_mech* m, int i, int k, double flag);
int nrn_events_for_netcons(nrn_ctx* ctx, nrn_mech* m, int i, double** w, int maxn);
void nrn_events_fake_fire(int gid, double t, int fake_out);

/* mechrandom.c */
void nrn_random_install(nrn_api* a);

/* callargs.c */
void nrn_callargs_install(nrn_api* a);

/* ion.c */
void nrn_ion_cur(nrn_ctx* ctx, nrn_mech* m);
void nrn_ion_init(nrn_ctx* ctx, nrn_mech* m);
void nrn_second_order_cur(void);
void nrn_ion_second_order(nrn_mech* m, const double* rhs);

/* extracellular.c */
void nrn_ext_begin(void);
void nrn_ext_update(void);
void nrn_ext_init(void);
void nrn_ext_rhs(void);
void nrn_ext_lhs(void);
void nrn_ext_solve_update(void);
void nrn_ext_electrode(int nd, double i_rhs, double g);

#endif
