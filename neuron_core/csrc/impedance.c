/* impedance.c -- the complex tree elimination behind Impedance: the same Hines ordering as the
 * voltage solve, with a complex diagonal (membrane di/dv + axial terms + i omega cm). */
#include <complex.h>

#include "impedance_api.h"

void nrn_imp_factor(int n, const int* parent, const double* a, const double* b, double* dre,
                    double* dim, double* pre, double* pim) {
    for (int i = n - 1; i >= 0; --i) {
        int p = parent[i];
        if (p < 0) {
            pre[i] = pim[i] = 0.;
            continue;
        }
        double complex d = dre[i] + I * dim[i];
        double complex piv = a[i] / d;
        double complex dp = (dre[p] + I * dim[p]) - piv * b[i];
        pre[i] = creal(piv);
        pim[i] = cimag(piv);
        dre[p] = creal(dp);
        dim[p] = cimag(dp);
    }
}

void nrn_imp_solve(int n, const int* parent, const double* b, const double* dre,
                   const double* dim, const double* pre, const double* pim, int istim,
                   double inj, double* xre, double* xim) {
    for (int i = 0; i < n; ++i) {
        xre[i] = xim[i] = 0.;
    }
    if (istim < 0 || istim >= n) {
        return;
    }
    xre[istim] = inj;
    /* nodes after istim carry no current, so elimination starts there */
    for (int i = istim; i >= 0; --i) {
        int p = parent[i];
        if (p < 0) {
            continue;
        }
        double complex x = xre[i] + I * xim[i];
        double complex xp = (xre[p] + I * xim[p]) - x * (pre[i] + I * pim[i]);
        xre[p] = creal(xp);
        xim[p] = cimag(xp);
    }
    for (int i = 0; i < n; ++i) {
        int p = parent[i];
        double complex x = xre[i] + I * xim[i];
        if (p >= 0) {
            x -= b[i] * (xre[p] + I * xim[p]);
        }
        x /= dre[i] + I * dim[i];
        xre[i] = creal(x);
        xim[i] = cimag(x);
    }
}

void nrn_imp_input(int n, const int* parent, const double* b, const double* dre,
                   const double* dim, const double* pre, const double* pim, const double* area,
                   double* ire, double* iim) {
    for (int i = 0; i < n; ++i) {
        int p = parent[i];
        double complex d = dre[i] + I * dim[i];
        double complex z;
        if (p < 0) {
            z = 1. / d;
        } else {
            double complex zp = ire[p] + I * iim[p];
            z = (1. + zp * (pre[i] + I * pim[i]) * b[i]) / d;
        }
        ire[i] = creal(z);
        iim[i] = cimag(z);
    }
    for (int i = 0; i < n; ++i) {
        if (parent[i] >= 0) {
            ire[i] *= 1e2 / area[i];
            iim[i] *= 1e2 / area[i];
        }
    }
}
