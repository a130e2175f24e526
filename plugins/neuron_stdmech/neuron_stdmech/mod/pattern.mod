COMMENT
PatternStim: replays a recorded spike raster (spike times tvec, cell ids gidvec) into a
network as if the cells with those gids had fired, so a subnet can be driven by the output
of a bigger simulation.  ps.play(tvec, gidvec) copies both vectors (the Vectors need not be
kept); ps.play() forgets them.  Spikes leave through the engine's fake_fire service, which
fires the input source of a gid that is not owned by this process (pc.gid_connect made it);
spikes of other gids are dropped, as NEURON's nrn_fake_fire does for fake_output 0 and 1.
The raster is sent in groups: at each
self-event every spike up to the group end goes out at once (NetCons deliver each at its own
time plus delay) and the next self-event comes at the first time not yet sent.
`space` holds the handle of the copied raster.
ENDCOMMENT

NEURON {
    ARTIFICIAL_CELL PatternStim
    THREADSAFE
    RANGE fake_output
}

PARAMETER {
    fake_output = 0
}

ASSIGNED {
    space
}

VERBATIM
#include <vector>

// The copied raster and the index of the next spike to send.
struct PatternRaster {
    std::vector<double> tvec;
    std::vector<int> gid;
    size_t next = 0;
};

static PatternRaster*& pattern_raster(double& handle) {
    return *reinterpret_cast<PatternRaster**>(&handle);
}
ENDVERBATIM

INITIAL {
    if (rewind() > 0) {
        net_send(0, 1)
    }
}

NET_RECEIVE (w) {
    LOCAL tnext
    if (flag == 1) {
        tnext = sendgroup()
        if (tnext >= t) {
            net_send(tnext - t, 1)
        }
    }
}

DESTRUCTOR {
VERBATIM
    delete pattern_raster(space);
    pattern_raster(space) = nullptr;
ENDVERBATIM
}

FUNCTION rewind() {
    : 1 when there is a raster to play
VERBATIM
    {
        PatternRaster* r = pattern_raster(space);
        _lrewind = 0.;
        if (r) {
            r->next = 0;
            _lrewind = r->tvec.empty() ? 0. : 1.;
        }
    }
ENDVERBATIM
}

FUNCTION sendgroup() {
    : fire the next group of spikes; the time of the first unsent one, or t - 1 at the end
VERBATIM
    {
        PatternRaster* r = pattern_raster(space);
        size_t n = r ? r->tvec.size() : 0;
        int out = fake_output ? 1 : 0;
        for (int k = 0; r && r->next < n; ++k) {
            nrn_fake_fire(r->gid[r->next], r->tvec[r->next], out);
            ++r->next;
            if (k > 100 && r->next < n && t < r->tvec[r->next]) {
                break;
            }
        }
        _lsendgroup = (r && r->next < n) ? r->tvec[r->next] : t - 1.;
    }
ENDVERBATIM
}

PROCEDURE play() {
VERBATIM
    {
        PatternRaster*& r = pattern_raster(space);
        delete r;
        r = nullptr;
        if (ifarg(1)) {
            IvocVect* tv = vector_arg(1);
            IvocVect* gv = vector_arg(2);
            if (tv && gv) {
                int n = vector_capacity(tv);
                if (vector_capacity(gv) < n) {
                    hoc_execerror("PatternStim.play:", "gidvec is shorter than tvec");
                } else {
                    r = new PatternRaster;
                    r->tvec.assign(vector_vec(tv), vector_vec(tv) + n);
                    r->gid.resize(n);
                    for (int k = 0; k < n; ++k) {
                        r->gid[k] = (int) vector_vec(gv)[k];
                    }
                }
            }
        }
    }
ENDVERBATIM
}
