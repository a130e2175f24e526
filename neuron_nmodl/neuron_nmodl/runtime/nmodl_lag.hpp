// nmodl_lag.hpp -- `LAG x BY tau`: the value x had tau ago (scopmath's lag(), NEURON's rules).
//
// Each lagged variable, told apart by its address and tau, keeps the (time, value) points it
// was given, from the newest one at least tau old to the newest.  A call at a new time adds a
// point; at the time of the last point it replaces that point's value.  Once the history spans
// tau, the result is interpolated linearly at t - tau (or is the oldest kept point's value when
// t - tau falls on it); before that it is the first value given.  Histories are forgotten at
// each INITIAL (a new run).
#ifndef NMODL_LAG_HPP
#define NMODL_LAG_HPP

#include <deque>
#include <map>
#include <mutex>
#include <utility>
#include <vector>

namespace _nmodl_rt {

struct LagPoint {
    double t;
    std::vector<double> v;
};

struct LagVar {
    std::deque<LagPoint> points;   // front: the lagged point; back: the newest
    std::vector<double> interp;    // the interpolated value returned
};

struct LagStore {
    std::map<std::pair<const double*, double>, LagVar> vars;
    std::mutex mu;   // instances may be advanced by several threads
    void clear() {
        std::lock_guard<std::mutex> g(mu);
        vars.clear();
    }
};

// `key` identifies the variable (its address), `x` holds its n values now.
inline const double* lag(LagStore& st, const double* key, const double* x, int n, double t,
                         double tau) {
    std::lock_guard<std::mutex> g(st.mu);
    n = n < 1 ? 1 : n;
    auto it = st.vars.find(std::make_pair(key, tau));
    if (it == st.vars.end()) {
        LagVar lv;
        lv.points.push_back(LagPoint{t, std::vector<double>(x, x + n)});
        lv.interp.assign(n, 0.);
        it = st.vars.emplace(std::make_pair(key, tau), std::move(lv)).first;
        return it->second.points.front().v.data();
    }
    LagVar& L = it->second;
    bool interp = false;
    if (t == L.points.back().t) {
        L.points.back().v.assign(x, x + n);
        interp = t - L.points.front().t >= tau;
    } else if (t - L.points.front().t >= tau) {
        L.points.push_back(LagPoint{t, std::vector<double>(x, x + n)});
        while (L.points.size() > 1 && t - L.points[1].t >= tau) {
            L.points.pop_front();
        }
        const LagPoint& a = L.points.front();
        const double tl = t - tau;
        if (L.points.size() > 1 && tl > a.t) {
            const LagPoint& b = L.points[1];
            const double r = (tl - a.t) / (b.t - a.t);
            for (int k = 0; k < n; ++k) {
                L.interp[k] = a.v[k] + r * (b.v[k] - a.v[k]);
            }
            interp = true;
        }
    } else if (t > L.points.back().t) {
        L.points.push_back(LagPoint{t, std::vector<double>(x, x + n)});
    }
    return interp ? L.interp.data() : L.points.front().v.data();
}

}  // namespace _nmodl_rt

#endif
