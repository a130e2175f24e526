"""Radix-2 real FFTs in "halfcomplex" layout and the spectral routines built on them.

NEURON computes its Vector FFTs with GSL's radix-2 real transform (decimation in time,
twiddle factors by trigonometric recurrence) and its halfcomplex inverse (decimation in
frequency).  The same butterflies are evaluated here, stage by stage, with numpy operations
in the same order, so results agree with NEURON to the last bit.

Halfcomplex layout of n = 2^m values: x[0] = Re0, x[k] = Re_k and x[n-k] = Im_k for
0 < k < n/2, x[n/2] = Re_{n/2}.
"""
from __future__ import annotations

import math

import numpy as np

from ..errors import NeuronError


def next_pow2(n: int) -> int:
    p = 1
    while p < n:
        p *= 2
    return p


def _log2(n: int) -> int:
    m = n.bit_length() - 1
    if (1 << m) != n:
        raise NeuronError("FFT length %d is not a power of 2" % n)
    return m


def _bitreverse_perm(n: int) -> np.ndarray:
    m = _log2(n)
    idx = np.arange(n)
    rev = np.zeros(n, dtype=np.int64)
    for b in range(m):
        rev |= ((idx >> b) & 1) << (m - 1 - b)
    return rev


def _twiddles(theta: float, count: int):
    """w_a = exp(i*a*theta), a = 1..count, by the recurrence the GSL code uses."""
    s = math.sin(theta)
    t = math.sin(theta / 2.0)
    s2 = 2.0 * t * t
    wr = np.empty(count)
    wi = np.empty(count)
    w_real, w_imag = 1.0, 0.0
    for a in range(count):
        tmp_real = w_real - s * w_imag - s2 * w_real
        tmp_imag = w_imag + s * w_real - s2 * w_imag
        w_real, w_imag = tmp_real, tmp_imag
        wr[a] = w_real
        wi[a] = w_imag
    return wr[:, None], wi[:, None]


def realft_forward(data: np.ndarray) -> None:
    """In-place forward real FFT of a power-of-2 length array into halfcomplex layout."""
    n = len(data)
    if n <= 1:
        return
    logn = _log2(n)
    data[:] = data[_bitreverse_perm(n)]
    p = 1
    q = n
    for _ in range(logn):
        p_1 = p
        p = 2 * p
        q = q // 2
        base = np.arange(q) * p
        t0 = data[base] + data[base + p_1]
        t1 = data[base] - data[base + p_1]
        data[base] = t0
        data[base + p_1] = t1
        na = p_1 // 2 - 1
        if na > 0:
            wr, wi = _twiddles(-2.0 * math.pi / p, na)
            a = np.arange(1, na + 1)[:, None]
            i_z0r = base + a
            i_z0i = base + p_1 - a
            i_z1r = base + p_1 + a
            i_z1i = base + p - a
            z0r, z0i = data[i_z0r], data[i_z0i]
            z1r, z1i = data[i_z1r], data[i_z1i]
            t0r = z0r + wr * z1r - wi * z1i
            t0i = z0i + wr * z1i + wi * z1r
            t1r = z0r - wr * z1r + wi * z1i
            t1i = z0i - wr * z1i - wi * z1r
            data[i_z0r] = t0r
            data[i_z1i] = t0i
            data[i_z0i] = t1r
            data[i_z1r] = -t1i
        if p_1 > 1:
            data[base + p - p_1 // 2] *= -1


def realft_inverse(data: np.ndarray) -> None:
    """In-place inverse of realft_forward (includes the 1/n normalisation)."""
    n = len(data)
    if n <= 1:
        return
    logn = _log2(n)
    p = n
    q = 1
    p_1 = n // 2
    for _ in range(logn):
        base = np.arange(q) * p
        z0 = data[base]
        z1 = data[base + p_1]
        data[base] = z0 + z1
        data[base + p_1] = z0 - z1
        na = p_1 // 2 - 1
        if na > 0:
            wr, wi = _twiddles(2.0 * math.pi / p, na)
            a = np.arange(1, na + 1)[:, None]
            i_a = base + a
            i_pa = base + p - a
            i_p1ma = base + p_1 - a
            i_p1pa = base + p_1 + a
            z0r, z0i = data[i_a], data[i_pa]
            z1r, z1i = data[i_p1ma], -data[i_p1pa]
            t0r = z0r + z1r
            t0i = z0i + z1i
            t1r = z0r - z1r
            t1i = z0i - z1i
            data[i_a] = t0r
            data[i_p1ma] = t0i
            data[i_p1pa] = wr * t1r - wi * t1i
            data[i_pa] = wr * t1i + wi * t1r
        if p_1 > 1:
            data[base + p_1 // 2] *= 2
            data[base + p_1 + p_1 // 2] *= -2
        p_1 //= 2
        p //= 2
        q *= 2
    data[:] = data[_bitreverse_perm(n)]
    data *= 1.0 / n


def halfcomplex_to_nrc(x: np.ndarray) -> np.ndarray:
    """Halfcomplex layout to NEURON's documented frequency layout:
    y[0] = Re0, y[1] = Re_{n/2}, y[2k] = Re_k, y[2k+1] = -Im_k."""
    n = len(x)
    y = np.zeros(n)
    y[0] = x[0]
    if n < 2:
        return y
    h = n // 2
    y[1] = x[h]
    k = np.arange(1, h)
    y[2 * k] = x[k]
    y[2 * k + 1] = -x[n - k]
    return y


def nrc_to_halfcomplex(x: np.ndarray) -> np.ndarray:
    """Inverse of halfcomplex_to_nrc, scaled by n/2 (what the inverse transform expects)."""
    n = len(x)
    y = np.zeros(n)
    s = 0.5 * n
    y[0] = x[0] * s
    if n < 2:
        return y
    h = n // 2
    y[h] = x[1] * s
    k = np.arange(1, h)
    y[k] = x[2 * k] * s
    y[n - k] = -x[2 * k + 1] * s
    return y


def convlv(data: np.ndarray, respns: np.ndarray, m: int, isign: int) -> np.ndarray:
    """Convolution (isign 1) or NEURON's deconvolution (isign -1) of data (length n = 2^k)
    with a response of m points in wrap-around order; data and respns are overwritten."""
    n = len(data)
    if m < 1:
        raise NeuronError("convlv: empty response function")
    if isign not in (1, -1):
        raise NeuronError("convlv: no meaning for isign %d" % isign)
    half = (m - 1) // 2
    for i in range(1, half + 1):
        respns[n - i] = respns[m - i]
    respns[(m + 1) // 2 : n - half] = 0.0
    realft_forward(data)
    realft_forward(respns)
    n2 = n // 2
    ans = np.zeros(n)
    ans[0] = data[0] * respns[0]
    if isign == 1:
        i = np.arange(1, n2)
        ans[i] = data[i] * respns[i] - data[n - i] * respns[n - i]
        ans[n - i] = data[i] * respns[n - i] + data[n - i] * respns[i]
    else:
        # NEURON's deconvolution as it stands: the scale uses the previous output value
        # and only the second assignment to ans[i] survives.
        d, r = data.tolist(), respns.tolist()
        prev = ans[0]
        for i in range(1, n2):
            scl = prev * prev + 0.0
            if scl == 0.0:
                raise NeuronError("Deconvolving at response zero in convlv")
            scl *= 2.0
            prev = (d[i] * r[n - i] - d[n - i] * r[i]) / scl
            ans[i] = prev
    if n > 1:
        ans[n2] = data[n2] * respns[n2]
    realft_inverse(ans)
    return ans


def correl(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Circular correlation of two equal power-of-2 length arrays (overwritten)."""
    n = len(x)
    realft_forward(x)
    realft_forward(y)
    z = np.zeros(n)
    z[0] = x[0] * y[0]
    n2 = n // 2
    i = np.arange(1, n2)
    z[i] = x[i] * y[i] + x[n - i] * y[n - i]
    z[n - i] = y[i] * x[n - i] - y[n - i] * x[i]
    if n > 1:
        z[n2] = x[n2] * y[n2]
    realft_inverse(z)
    return z


def spctrm(data: np.ndarray, setsize: int, numsegpairs: int) -> np.ndarray:
    """Power spectral density (setsize values) from 2*numsegpairs overlapping segments of
    2*setsize points with a Bartlett window."""
    a = float(setsize)
    n = 2 * setsize
    j = np.arange(1, n + 1, dtype=float)
    window = 1.0 - np.abs(((j - 1.0) - a) * (1.0 / a))
    wfac = float(np.cumsum(window * window)[-1])
    psd = np.zeros(setsize)
    cx = 0
    for _ in range(numsegpairs * 2):
        seg = data[cx : cx + n].copy()
        cx += n - setsize
        seg *= window
        realft_forward(seg)
        psd[0] += seg[0] * seg[0]
        k = np.arange(1, setsize)
        psd[k] += seg[k] * seg[k] + seg[n - k] * seg[n - k]
    psd *= 1.0 / (wfac * n * numsegpairs)
    psd[0] *= 0.5
    return psd
