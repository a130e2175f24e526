/* rxd_geom3d.h -- voxelization of sections for 3-D intracellular simulation.
 *
 * Sections become solid primitives (cylinders and frusta per piece of segment, clipped
 * spheres at joins); each primitive is voxelized on a Cartesian grid by the signed distance
 * of voxel corners (negative inside), as NEURON does, and partially covered voxels get a
 * sampled volume and a marching-cubes surface area.  Python builds the primitives and merges
 * the per-primitive results (neuron_rxd/_voxelize.py). */
#ifndef RXD_GEOM3D_H
#define RXD_GEOM3D_H

#define G3_PLANE 0
#define G3_SPHERE 1
#define G3_CYLINDER 2
#define G3_CONE 3
#define G3_UNION 4
#define G3_INTERSECTION 5

/* One primitive.  nkid/kid0: clip objects (sphere, cylinder, cone: distance is the largest of
 * the own distance and the clips') or members (union: smallest, intersection: largest), as
 * indices into the kids table. */
typedef struct g3_obj {
    int kind;
    int nkid;
    int kid0;
    double p[16];
} g3_obj;

typedef struct g3_grid {
    double xlo, xhi, ylo, yhi, zlo, zhi;
    double dx, dy, dz;
} g3_grid;

/* The voxels of one primitive: yes (i, j, k triples) are the voxel runs the row-by-row
 * flood fill found inside or crossing the surface; surf (i, j, k) with the 8 corner distances
 * are the voxels with 1 to 7 corners inside (may repeat). */
typedef struct g3_result {
    int nyes, capyes;
    int* yes;
    int nsurf, capsurf;
    int* surf;
    double* dist;
    int missed;          /* nothing found from the starting voxel */
    int mi, mj, mk;      /* that voxel */
    int status;          /* 0 ok, -1 out of memory, -2 inconsistent row ends */
} g3_result;

double g3_distance(const g3_obj* objs, const int* kids, int id, double x, double y, double z);
void g3_distances(const g3_obj* objs, const int* kids, int id, int n, const double* xyz,
                  double* out);
int g3_voxelize(const g3_obj* objs, const int* kids, int id, const g3_grid* grid,
                const double* corners, int ncorners, double x0, double y0, double z0,
                double threshold, g3_result* res);
void g3_result_free(g3_result* res);
/* Volume and area of the surface voxels vox[3*n], covered by the primitives
 * items[start[v] .. start[v+1]). */
void g3_partial_voxels(const g3_obj* objs, const int* kids, const g3_grid* grid, int n,
                       const int* vox, const int* start, const int* items, double threshold,
                       int vol_res, int area_res, double* vol, double* area);

#endif
