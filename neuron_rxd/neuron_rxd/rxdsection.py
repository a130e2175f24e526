"""Base of the per-section containers of nodes (Section1D)."""


class RxDSection:
    __slots__ = ()

    def name(self) -> str:
        return self._sec.name()

    @property
    def region(self):
        return self._region

    @property
    def nseg(self) -> int:
        return self._nseg

    @property
    def nrn_region(self):
        return self._region.nrn_region

    @property
    def species(self):
        return self._species()

    @property
    def section_orientation(self) -> float:
        return self._sec.orientation()

    @property
    def L(self) -> float:
        return self._sec.L
