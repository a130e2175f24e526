/* ptrvec_api.h -- PtrVector's scatter and gather over raw variable addresses. */
void nrn_ptrvec_gather(double** ptr, int64_t n, double* out);
void nrn_ptrvec_scatter(double** ptr, int64_t n, const double* in);
