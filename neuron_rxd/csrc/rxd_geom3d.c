/* rxd_geom3d.c -- signed distances of solid primitives, row-by-row voxelization of one
 * primitive, and sampled volumes / marching-cubes areas of partially covered voxels.
 * The arithmetic follows NEURON's geometry3d operation by operation: voxel membership is
 * decided by the sign of distances at corners, so round-off must match. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rxd_geom3d.h"
#include "rxd_mc_table.h"

/* max(a, b) keeping a unless b is strictly larger (NaN never wins). */
static inline double keep_max(double a, double b) {
    return b > a ? b : a;
}

static double clipped(const g3_obj* objs, const int* kids, const g3_obj* o, double d,
                      double x, double y, double z) {
    for (int k = 0; k < o->nkid; ++k) {
        d = keep_max(d, g3_distance(objs, kids, kids[o->kid0 + k], x, y, z));
    }
    return d;
}

static double sphere_distance(const double* p, double x, double y, double z) {
    double ax = x - p[0], ay = y - p[1], az = z - p[2];
    return sqrt(ax * ax + ay * ay + az * az) - p[3];
}

static double cylinder_distance(const double* p, double px, double py, double pz) {
    double nx = px - p[0], ny = py - p[1], nz = pz - p[2];
    double y = fabs(p[3] * nx + p[4] * ny + p[5] * nz);
    double yy = y * y;
    double xx = nx * nx + ny * ny + nz * nz - yy;
    const double h = p[6], r = p[7], rr = p[8];
    if (y < h) {
        return keep_max(y - h, sqrt(xx) - r);
    }
    y -= h;
    if (xx < rr) {
        return y;
    }
    yy = y * y;
    double x = sqrt(xx) - r;
    return sqrt(yy + x * x);
}

static double cone_distance(const double* p, double px, double py, double pz) {
    double nx = px - p[0], ny = py - p[1], nz = pz - p[2];
    double y = nx * p[3] + ny * p[4] + nz * p[5];
    double yy = y * y;
    double xx = nx * nx + ny * ny + nz * nz - yy;
    const double length = p[6], r0 = p[7], rra = p[8], rrb = p[9];
    const double conelength = p[10], side1 = p[11], side2 = p[12];
    if (xx < 0) {
        xx = 0;
    }
    if (y < 0) {
        if (xx < rra) {
            return -y;
        }
        double x = sqrt(xx) - r0;
        return sqrt(x * x + yy);
    }
    if (xx < rrb && y > length) {
        return y - length;
    }
    double x = sqrt(xx) - r0;
    double ry = x * side1 + y * side2;
    if (ry < 0) {
        return sqrt(x * x + yy);
    }
    double rx = x * side2 - y * side1;
    if (ry > conelength && y > length) {
        ry -= conelength;
        return sqrt(rx * rx + ry * ry);
    }
    double d = rx;
    if (d < 0) {
        d = keep_max(rx, y - length);
    }
    return d;
}

double g3_distance(const g3_obj* objs, const int* kids, int id, double x, double y, double z) {
    const g3_obj* o = &objs[id];
    const double* p = o->p;
    switch (o->kind) {
    case G3_PLANE:
        return (p[0] * x + p[1] * y + p[2] * z + p[3]) * p[4];
    case G3_SPHERE:
        return clipped(objs, kids, o, sphere_distance(p, x, y, z), x, y, z);
    case G3_CYLINDER:
        return clipped(objs, kids, o, cylinder_distance(p, x, y, z), x, y, z);
    case G3_CONE:
        return clipped(objs, kids, o, cone_distance(p, x, y, z), x, y, z);
    case G3_UNION: {
        double d = g3_distance(objs, kids, kids[o->kid0], x, y, z);
        for (int k = 1; k < o->nkid; ++k) {
            double d2 = g3_distance(objs, kids, kids[o->kid0 + k], x, y, z);
            if (d2 < d) {
                d = d2;
            }
        }
        return d;
    }
    case G3_INTERSECTION: {
        double d = g3_distance(objs, kids, kids[o->kid0], x, y, z);
        for (int k = 1; k < o->nkid; ++k) {
            double d2 = g3_distance(objs, kids, kids[o->kid0 + k], x, y, z);
            if (d2 > d) {
                d = d2;
            }
        }
        return d;
    }
    default:
        return NAN;
    }
}

void g3_distances(const g3_obj* objs, const int* kids, int id, int n, const double* xyz,
                  double* out) {
    for (int i = 0; i < n; ++i) {
        out[i] = g3_distance(objs, kids, id, xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
    }
}

/* ------------------------------------------------------------ voxelization */

typedef struct vox_ctx {
    const g3_obj* objs;
    const int* kids;
    int id;
    const g3_grid* g;
    double threshold;
    g3_result* res;
    int ny, nz;          /* rows (j, k) inside the grid */
    unsigned char* checked;
} vox_ctx;

static int grow(void** buf, int* cap, int need, size_t elem) {
    if (need <= *cap) {
        return 0;
    }
    int c = *cap ? *cap : 256;
    while (c < need) {
        c *= 2;
    }
    void* nb = realloc(*buf, elem * (size_t) c);
    if (!nb) {
        return -1;
    }
    *buf = nb;
    *cap = c;
    return 0;
}

static void add_surface(vox_ctx* c, int i, int j, int k, const double* dist) {
    g3_result* r = c->res;
    if (r->nsurf == r->capsurf) {
        int cap = r->capsurf ? 2 * r->capsurf : 256;
        int* ns = (int*) realloc(r->surf, sizeof(int) * 3 * (size_t) cap);
        if (ns) {
            r->surf = ns;
        }
        double* nd = (double*) realloc(r->dist, sizeof(double) * 8 * (size_t) cap);
        if (nd) {
            r->dist = nd;
        }
        if (!ns || !nd) {
            r->status = -1;
            return;
        }
        r->capsurf = cap;
    }
    int* s = &r->surf[3 * r->nsurf];
    s[0] = i;
    s[1] = j;
    s[2] = k;
    memcpy(&r->dist[8 * r->nsurf], dist, 8 * sizeof(double));
    r->nsurf++;
}

static void add_yes(vox_ctx* c, int i, int j, int k) {
    g3_result* r = c->res;
    if (grow((void**) &r->yes, &r->capyes, r->nyes + 1, 3 * sizeof(int))) {
        r->status = -1;
        return;
    }
    int* s = &r->yes[3 * r->nyes];
    s[0] = i;
    s[1] = j;
    s[2] = k;
    r->nyes++;
}

/* Corners of voxel (i, j, k) inside the object (0..8); voxels with 1..7 are recorded. */
static int verts_in(vox_ctx* c, int i, int j, int k) {
    const g3_grid* g = c->g;
    double v0 = g->xlo + i * g->dx, v1 = g->ylo + j * g->dy, v2 = g->zlo + k * g->dz;
    double xs[8] = {v0, v0 + g->dx, v0 + g->dx, v0, v0, v0 + g->dx, v0 + g->dx, v0};
    double ys[8] = {v1, v1, v1 + g->dy, v1 + g->dy, v1, v1, v1 + g->dy, v1 + g->dy};
    double zs[8] = {v2, v2, v2, v2, v2 + g->dz, v2 + g->dz, v2 + g->dz, v2 + g->dz};
    double dist[8];
    int ins = 0;
    for (int v = 0; v < 8; ++v) {
        double x = xs[v], y = ys[v], z = zs[v];
        if (g->xlo <= x && x <= g->xhi && g->ylo <= y && y <= g->yhi && g->zlo <= z &&
            z <= g->zhi) {
            dist[v] = g3_distance(c->objs, c->kids, c->id, x, y, z);
        } else {
            dist[v] = INFINITY;
        }
        if (dist[v] <= c->threshold) {
            ins++;
        }
    }
    if (ins >= 1 && ins <= 7) {
        add_surface(c, i, j, k, dist);
    }
    return ins;
}

static int in_x(const g3_grid* g, int i) {
    return 0 <= i && (g->xlo + i * g->dx) < g->xhi;
}

#define NONE (-2147483647 - 1)

/* The run of voxels of row (j, k) inside or crossing the object, scanning outwards from the
 * guesses [gl, gr]; *lend = *rend = NONE when none is found. */
static void find_endpoints(vox_ctx* c, int j, int k, int gl, int gr, int* lend, int* rend) {
    const g3_grid* g = c->g;
    int L = NONE, R = NONE;
    int chk_r = 0, chk_r_at = 0, chk_l = 0, chk_l_at = 0;
    int going_in, stop = 0;
    int ri = gr;
    int v0 = verts_in(c, ri, j, k);
    if (v0 == 0) {
        going_in = 1;
    } else if (v0 < 8) {
        going_in = 0;
        chk_r = 1;
        chk_r_at = ri;
    } else {
        going_in = 0;
    }
    while (in_x(g, ri) && !stop) {
        int v = verts_in(c, ri, j, k);
        if (v == 0) {
            if (!going_in) {
                stop = 1;
                continue;
            }
            if (ri == gl) {
                *lend = *rend = NONE;
                return;
            }
            ri--;
        } else if (v == 8) {
            R = ri;
            ri++;
        } else {
            R = ri;
            if (going_in) {
                chk_r = 1;
                chk_r_at = ri;
                break;
            }
            ri++;
        }
    }
    stop = 0;
    int li = gl;
    v0 = verts_in(c, li, j, k);
    if (v0 == 0) {
        going_in = 1;
    } else if (v0 < 8) {
        going_in = 0;
        chk_l = 1;
        chk_l_at = li;
    } else {
        going_in = 0;
    }
    while (in_x(g, li) && !stop) {
        int v = verts_in(c, li, j, k);
        if (v == 0) {
            if (!going_in) {
                stop = 1;
                continue;
            }
            li++;
        } else if (v == 8) {
            L = li;
            li--;
        } else {
            L = li;
            if (going_in) {
                chk_l = 1;
                chk_l_at = li;
                break;
            }
            li--;
        }
    }
    /* partially covered voxels between a run end and the first fully inside one */
    if (chk_r && L != NONE) {
        for (int r = chk_r_at; r > L; --r) {
            if (verts_in(c, r, j, k) == 8) {
                break;
            }
        }
    }
    if (chk_l && R != NONE) {
        for (int l = chk_l_at; l < R; ++l) {
            if (verts_in(c, l, j, k) == 8) {
                break;
            }
        }
    }
    *lend = L;
    *rend = R;
}

/* Python's float floor division (fmod based), as used to locate a point's voxel. */
static double py_floordiv(double vx, double wx) {
    double mod = fmod(vx, wx);
    double div = (vx - mod) / wx;
    if (mod) {
        if ((wx < 0) != (mod < 0)) {
            mod += wx;
            div -= 1.0;
        }
    }
    double fl;
    if (div) {
        fl = floor(div);
        if (div - fl > 0.5) {
            fl += 1.0;
        }
    } else {
        fl = copysign(0.0, vx / wx);
    }
    return fl;
}

static int find_voxel_index(double x, double lo, double d) {
    double q = py_floordiv(x - lo, d);
    int i = (int) q;
    return i > 0 ? i : 0;
}

typedef struct row_item {
    int j, k, l, r;
} row_item;

/* Python truthiness of a run's left end: None and 0 are false. */
static int truthy(int v) {
    return v != NONE && v != 0;
}

int g3_voxelize(const g3_obj* objs, const int* kids, int id, const g3_grid* grid,
                const double* corners, int ncorners, double x0, double y0, double z0,
                double threshold, g3_result* res) {
    memset(res, 0, sizeof(*res));
    vox_ctx c = {objs, kids, id, grid, threshold, res, 0, 0, NULL};
    int i0 = 0, j0 = 0, k0 = 0, L = NONE, R = NONE;
    if (corners) {
        for (int q = 0; q < ncorners; ++q) {
            i0 = find_voxel_index(corners[3 * q], grid->xlo, grid->dx);
            j0 = find_voxel_index(corners[3 * q + 1], grid->ylo, grid->dy);
            k0 = find_voxel_index(corners[3 * q + 2], grid->zlo, grid->dz);
            find_endpoints(&c, j0, k0, i0, i0, &L, &R);
            if (truthy(L)) {
                break;
            }
        }
    } else {
        i0 = find_voxel_index(x0, grid->xlo, grid->dx);
        j0 = find_voxel_index(y0, grid->ylo, grid->dy);
        k0 = find_voxel_index(z0, grid->zlo, grid->dz);
        find_endpoints(&c, j0, k0, i0 - 1, i0 + 1, &L, &R);
    }
    int possibly_missed = 0;
    if (!truthy(L)) {
        possibly_missed = 1;
        L = R = i0;
    }
    if (R == NONE) {
        res->status = -2;
        return res->status;
    }
    /* rows are numbered inside the grid's extent in y and z */
    int ny = 0, nz = 0;
    while (grid->ylo + ny * grid->dy < grid->yhi) {
        ny++;
    }
    while (grid->zlo + nz * grid->dz < grid->zhi) {
        nz++;
    }
    ny = (j0 + 1 > ny ? j0 + 1 : ny);
    nz = (k0 + 1 > nz ? k0 + 1 : nz);
    c.ny = ny;
    c.nz = nz;
    c.checked = (unsigned char*) calloc((size_t) ny * nz, 1);
    row_item* stack = NULL;
    int nstack = 0, capstack = 0;
    if (!c.checked) {
        res->status = -1;
        return res->status;
    }
    for (int i = L; i <= R; ++i) {
        add_yes(&c, i, j0, k0);
    }
    c.checked[(size_t) j0 * nz + k0] = 1;
    if (grow((void**) &stack, &capstack, 1, sizeof(row_item))) {
        res->status = -1;
    } else {
        stack[nstack++] = (row_item){j0, k0, L, R};
    }
    while (nstack > 0 && res->status == 0) {
        row_item it = stack[--nstack];
        row_item nb[4];
        int nn = 0;
        if (it.j >= 1) {
            nb[nn++] = (row_item){it.j - 1, it.k, it.l, it.r};
        }
        if (it.k >= 1) {
            nb[nn++] = (row_item){it.j, it.k - 1, it.l, it.r};
        }
        if (grid->ylo + (it.j + 1) * grid->dy < grid->yhi) {
            nb[nn++] = (row_item){it.j + 1, it.k, it.l, it.r};
        }
        if (grid->zlo + (it.k + 1) * grid->dz < grid->zhi) {
            nb[nn++] = (row_item){it.j, it.k + 1, it.l, it.r};
        }
        for (int q = 0; q < nn; ++q) {
            row_item n = nb[q];
            if (n.j >= ny || n.k >= nz) {
                continue;
            }
            unsigned char* ck = &c.checked[(size_t) n.j * nz + n.k];
            if (*ck) {
                continue;
            }
            int l, r;
            find_endpoints(&c, n.j, n.k, n.l, n.r, &l, &r);
            if (l != NONE) {
                if (r == NONE) {
                    res->status = -2;
                    break;
                }
                for (int i = l; i <= r; ++i) {
                    add_yes(&c, i, n.j, n.k);
                }
                if (grow((void**) &stack, &capstack, nstack + 1, sizeof(row_item))) {
                    res->status = -1;
                    break;
                }
                stack[nstack++] = (row_item){n.j, n.k, l, r};
            }
            *ck = 1;
        }
    }
    free(stack);
    free(c.checked);
    if (possibly_missed && res->nyes == 1) {
        res->missed = 1;
        res->mi = i0;
        res->mj = j0;
        res->mk = k0;
        res->nyes = 0;
    }
    return res->status;
}

void g3_result_free(g3_result* res) {
    free(res->yes);
    free(res->surf);
    free(res->dist);
    memset(res, 0, sizeof(*res));
}

/* ------------------------------------------------ partial volumes and areas */

static int any_inside(const g3_obj* objs, const int* kids, const int* items, int nitems,
                      double x, double y, double z, double threshold) {
    for (int q = 0; q < nitems; ++q) {
        if (g3_distance(objs, kids, items[q], x, y, z) <= threshold) {
            return 1;
        }
    }
    return 0;
}

static double min_distance(const g3_obj* objs, const int* kids, const int* items, int nitems,
                           double x, double y, double z) {
    double d = g3_distance(objs, kids, items[0], x, y, z);
    for (int q = 1; q < nitems; ++q) {
        double d2 = g3_distance(objs, kids, items[q], x, y, z);
        if (d2 < d) {
            d = d2;
        }
    }
    return d;
}

/* Point where the surface crosses the edge p1-p2 (linear interpolation of distances). */
static void edge_point(const double* p1, const double* p2, double v1, double v2, double* out) {
    if (fabs(v2) < 1e-12) {
        memcpy(out, p2, 3 * sizeof(double));
        return;
    }
    if (fabs(v1) < 1e-12) {
        memcpy(out, p1, 3 * sizeof(double));
        return;
    }
    double delta = v1 - v2;
    if (fabs(delta) < 1e-10) {
        memcpy(out, p1, 3 * sizeof(double));
        return;
    }
    double mu = v1 / delta;
    for (int a = 0; a < 3; ++a) {
        out[a] = p1[a] + mu * (p2[a] - p1[a]);
    }
}

static const int edge_corners[12][2] = {{0, 1}, {1, 2}, {2, 3}, {3, 0}, {4, 5}, {5, 6},
                                        {6, 7}, {7, 4}, {0, 4}, {1, 5}, {2, 6}, {3, 7}};

static double triangle_area2(const double* p0, const double* p1, const double* p2) {
    double a[3] = {p0[0] - p1[0], p0[1] - p1[1], p0[2] - p1[2]};
    double b[3] = {p0[0] - p2[0], p0[1] - p2[1], p0[2] - p2[2]};
    double cx = a[1] * b[2] - a[2] * b[1];
    double cy = a[2] * b[0] - a[0] * b[2];
    double cz = a[0] * b[1] - a[1] * b[0];
    return sqrt(cx * cx + cy * cy + cz * cz);
}

/* Area of the distance-zero surface inside one cube (corners in Bourke's order). */
static double cube_area(const double* v, double sx, double sy, double sz, double threshold) {
    int nin = 0;
    for (int q = 0; q < 8; ++q) {
        nin += v[q] <= threshold;
    }
    if (nin == 0 || nin == 8) {
        return 0.0;
    }
    const double pos[8][3] = {{0, 0, 0}, {sx, 0, 0}, {sx, sy, 0}, {0, sy, 0},
                              {0, 0, sz}, {sx, 0, sz}, {sx, sy, sz}, {0, sy, sz}};
    int idx = 0;
    for (int q = 0; q < 8; ++q) {
        if (v[q] < 0) {
            idx |= 1 << q;
        }
    }
    if (idx == 0 || idx == 255) {
        const double tol = fabs(threshold);
        for (int q = 0; q < 8; ++q) {
            if (fabs(v[q]) <= tol) {
                idx ^= 1 << q;
            }
        }
    }
    double pts[12][3];
    for (int e = 0; e < 12; ++e) {
        int a = edge_corners[e][0], b = edge_corners[e][1];
        if (((idx >> a) & 1) != ((idx >> b) & 1)) {
            edge_point(pos[a], pos[b], v[a], v[b], pts[e]);
        }
    }
    double area = 0.0;
    const signed char* t = rxd_tri_table[idx];
    for (int q = 0; q < 16 && t[q] >= 0; q += 3) {
        area += triangle_area2(pts[t[q]], pts[t[q + 1]], pts[t[q + 2]]) / 2.0;
    }
    return area;
}

void g3_partial_voxels(const g3_obj* objs, const int* kids, const g3_grid* g, int n,
                       const int* vox, const int* start, const int* items, double threshold,
                       int vol_res, int area_res, double* vol, double* area) {
    const int r1 = vol_res + 1;
    const double sx = g->dx / vol_res, sy = g->dy / vol_res, sz = g->dz / vol_res;
    const double ax = g->dx / area_res, ay = g->dy / area_res, az = g->dz / area_res;
    const int a1 = area_res + 1;
    double* dist = (double*) malloc(sizeof(double) * a1 * a1 * a1);
    for (int v = 0; v < n; ++v) {
        const int* it = &items[start[v]];
        const int nit = start[v + 1] - start[v];
        const int vi = vox[3 * v], vj = vox[3 * v + 1], vk = vox[3 * v + 2];
        const double x0 = g->xlo + vi * g->dx, y0 = g->ylo + vj * g->dy, z0 = g->zlo + vk * g->dz;
        int count = 0;
        for (int i = 0; i < r1; ++i) {
            double x = x0 + i * sx;
            for (int j = 0; j < r1; ++j) {
                double y = y0 + j * sy;
                for (int k = 0; k < r1; ++k) {
                    double z = z0 + k * sz;
                    count += any_inside(objs, kids, it, nit, x, y, z, threshold);
                }
            }
        }
        vol[v] = count * g->dx * g->dy * g->dz / (double) (r1 * r1 * r1);
        if (!dist) {
            area[v] = NAN;
            continue;
        }
        for (int i = 0; i < a1; ++i) {
            double x = x0 + i * ax;
            for (int j = 0; j < a1; ++j) {
                double y = y0 + j * ay;
                for (int k = 0; k < a1; ++k) {
                    double z = z0 + k * az;
                    dist[(i * a1 + j) * a1 + k] = min_distance(objs, kids, it, nit, x, y, z);
                }
            }
        }
        double total = 0.0;
#define D(i, j, k) dist[((i) * a1 + (j)) * a1 + (k)]
        for (int i = 0; i < area_res; ++i) {
            for (int j = 0; j < area_res; ++j) {
                for (int k = 0; k < area_res; ++k) {
                    double c[8] = {D(i, j, k), D(i + 1, j, k), D(i + 1, j + 1, k),
                                   D(i, j + 1, k), D(i, j, k + 1), D(i + 1, j, k + 1),
                                   D(i + 1, j + 1, k + 1), D(i, j + 1, k + 1)};
                    total += cube_area(c, ax, ay, az, threshold);
                }
            }
        }
#undef D
        area[v] = total;
    }
    free(dist);
}
