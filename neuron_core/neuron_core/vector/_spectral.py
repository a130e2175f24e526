"""Vector methods in the frequency domain: fft, convlv, correl, spctrm, filter.

Inputs are zero-padded to the next power of 2, as NEURON does."""
from __future__ import annotations

import math

import numpy as np

from ..errors import NeuronError
from . import _fft
from .args import chk, nargs, num
from ._storage import VectorStorage, vec_arg


def _padded(x: np.ndarray, n: int) -> np.ndarray:
    out = np.zeros(n)
    out[: len(x)] = x
    return out


class SpectralMixin:
    __slots__ = ()

    def fft(self, *args) -> "SpectralMixin":
        """Forward (sign 1, NEURON's frequency layout) or inverse (sign -1) real FFT of a
        source Vector or of self: fft([vsrc,] sign)."""
        nargs(args, 1, 2, "Vector.fft")
        if isinstance(args[0], VectorStorage):
            src, rest = args[0]._view(), args[1:]
        else:
            src, rest = self._view(), args
        sign = int(chk(rest[0], -1, 1, "Vector.fft")) if rest else 1
        n = _fft.next_pow2(len(src))
        data = _padded(src, n)
        if sign == -1:
            out = _fft.nrc_to_halfcomplex(data)
            _fft.realft_inverse(out)
        else:
            _fft.realft_forward(data)
            out = _fft.halfcomplex_to_nrc(data)
        self._set_data(out)
        return self

    def convlv(self, src, filt, *args) -> "SpectralMixin":
        """Convolution of src with a response in wrap-around order (sign -1: NEURON's
        deconvolution)."""
        nargs(args, 0, 1, "Vector.convlv")
        a = vec_arg(src, "Vector.convlv")._view()
        b = vec_arg(filt, "Vector.convlv")._view()
        isign = int(num(args[0], "Vector.convlv")) if args else 1
        n = _fft.next_pow2(max(len(a), len(b)))
        self._set_data(_fft.convlv(_padded(a, n), _padded(b, n), len(b), isign))
        return self

    def correl(self, src, *args) -> "SpectralMixin":
        """Cross-correlation of src with a second Vector, or autocorrelation of src."""
        nargs(args, 0, 1, "Vector.correl")
        a = vec_arg(src, "Vector.correl")._view()
        b = vec_arg(args[0], "Vector.correl")._view() if args else a
        n = _fft.next_pow2(max(len(a), len(b)))
        self._set_data(_fft.correl(_padded(a, n), _padded(b, n)))
        return self

    def spctrm(self, src, *args) -> "SpectralMixin":
        """Power spectral density of src in segments of 2*m points (m = size/8 rounded up to
        a power of 2 unless given); fills the first m elements of self."""
        nargs(args, 0, 1, "Vector.spctrm")
        x = vec_arg(src, "Vector.spctrm")._view().copy()
        dc = len(x)
        mr = int(num(args[0], "Vector.spctrm")) if args else dc // 8
        m = _fft.next_pow2(mr)
        k = int(math.ceil((float(dc) / m - 1.0) / 2.0))
        if k < 1:
            raise NeuronError("Vector.spctrm: too few points for segments of %d" % (2 * m))
        data = _padded(x, (2 * k + 1) * m)
        psd = _fft.spctrm(data, m, k)
        if self._s.size < m:
            self._resize(m)
        self._arr[:m] = psd
        return self

    def filter(self, *args) -> "SpectralMixin":
        """Convolve the data (a source Vector or self) with the inverse transform of a
        frequency-domain filter: filter([vsrc,] vfilter)."""
        nargs(args, 1, 2, "Vector.filter")
        if isinstance(args[0], VectorStorage) and len(args) == 2:
            a = args[0]._view().copy()
            b = vec_arg(args[1], "Vector.filter")._view()
        else:
            nargs(args, 1, 1, "Vector.filter")
            a = self._view().copy()
            b = vec_arg(args[0], "Vector.filter")._view()
        n = _fft.next_pow2(max(len(a), len(b)))
        resp = _padded(b, n)
        _fft.realft_forward(resp)
        self._set_data(_fft.convlv(_padded(a, n), resp, len(b), 1))
        return self
