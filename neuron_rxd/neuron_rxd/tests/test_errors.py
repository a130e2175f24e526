"""Invalid models raise RxDException naming the object at fault."""
import pytest

import neuron_core as nc
import neuron_rxd as rxd
from neuron_rxd import RxDException


def _sec(name="s", nseg=3):
    s = nc.Section(name=name)
    s.nseg = nseg
    return s


def test_negative_diffusion_constant_names_the_species():
    cyt = rxd.Region([_sec()])
    with pytest.raises(RxDException, match="'ca'.*d=-1"):
        rxd.Species(cyt, name="ca", d=-1)


def test_negative_diffusion_constant_set_later():
    cyt = rxd.Region([_sec()])
    ca = rxd.Species(cyt, name="ca", d=1)
    with pytest.raises(RxDException, match="must be >= 0"):
        ca.d = -0.5


def test_parameter_cannot_diffuse():
    cyt = rxd.Region([_sec()])
    with pytest.raises(RxDException, match="Parameters cannot diffuse"):
        rxd.Parameter(cyt, d=1)


def test_extracellular_rejects_non_positive_dx():
    for dx in (0, -1, (1, 0, 1)):
        with pytest.raises(RxDException, match="dx"):
            rxd.Extracellular(-10, -10, -10, 10, 10, 10, dx=dx)


def test_extracellular_rejects_empty_box():
    with pytest.raises(RxDException, match="xhi"):
        rxd.Extracellular(10, -10, -10, 10, 10, 10, dx=1)


def test_region_rejects_non_sections_and_bad_nrn_region():
    with pytest.raises(RxDException, match="not a valid NEURON section"):
        rxd.Region([42])
    with pytest.raises(RxDException, match="nrn_region"):
        rxd.Region([_sec()], nrn_region="x")
    with pytest.raises(RxDException, match="dx"):
        rxd.Region([_sec()], dx=0)


def test_reaction_with_species_in_no_region_names_both():
    cyt = rxd.Region([_sec()])
    a = rxd.Species(cyt, name="a", initial=1)
    b = rxd.Species(None, name="b")
    r = rxd.Reaction(a, b, 1.0)  # noqa: F841 (reactions live while referenced)
    with pytest.raises(RxDException, match="species b is not in any region"):
        a.nodes


def test_reaction_regions_must_overlap_species():
    s1, s2 = _sec("s1"), _sec("s2")
    r1, r2 = rxd.Region([s1]), rxd.Region([s2], name="r2")
    a = rxd.Species(r1, name="a")
    b = rxd.Species(r1, name="b")
    r = rxd.Reaction(a, b, 1.0, regions=[r2])  # noqa: F841
    with pytest.raises(RxDException, match="do not overlap"):
        a.nodes


def test_rate_regions_must_overlap_species():
    s1, s2 = _sec("s1"), _sec("s2")
    r1, r2 = rxd.Region([s1]), rxd.Region([s2], name="r2")
    a = rxd.Species(r1, name="a")
    r = rxd.Rate(a, 1.0, regions=[r2])  # noqa: F841
    with pytest.raises(RxDException, match="do not overlap"):
        a.nodes


def test_reaction_between_species_without_common_region():
    s1, s2 = _sec("s1"), _sec("s2")
    a = rxd.Species(rxd.Region([s1]), name="a")
    b = rxd.Species(rxd.Region([s2]), name="b")
    r = rxd.Reaction(a, b, 1.0)  # noqa: F841
    with pytest.raises(RxDException, match="do not share a common region"):
        a.nodes


def test_multicompartment_reaction_needs_restricted_species_and_a_membrane():
    s = _sec()
    cyt, er = rxd.Region([s]), rxd.Region([s], geometry=rxd.FractionalVolume(0.2))
    mem = rxd.Region([s], geometry=rxd.ScalableBorder(1))
    ca = rxd.Species([cyt, er], name="ca")
    with pytest.raises(RxDException, match="restricted to a region"):
        rxd.MultiCompartmentReaction(ca, ca[er], 1.0, membrane=mem)
    with pytest.raises(RxDException, match="membrane"):
        rxd.MultiCompartmentReaction(ca[cyt], ca[er], 1.0)
    with pytest.raises(RxDException, match="not a volume"):
        rxd.MultiCompartmentReaction(ca[cyt], ca[er], 1.0, membrane=er)


def test_reaction_argument_errors():
    cyt = rxd.Region([_sec()])
    a = rxd.Species(cyt, name="a")
    b = rxd.Species(cyt, name="b")
    with pytest.raises(RxDException, match="needs two rate constants"):
        rxd.Reaction(a != b, 1.0)
    with pytest.raises(RxDException, match="only one rate constant"):
        rxd.Reaction(a > b, 1.0, 2.0)
    with pytest.raises(RxDException, match="Invalid number of arguments"):
        rxd.Reaction(a)
    with pytest.raises(RxDException, match="not valid in a reaction"):
        rxd.Reaction(a * b, b, 1.0)
    with pytest.raises(RxDException, match="both custom_dynamics and mass_action"):
        rxd.Reaction(a, b, 1.0, custom_dynamics=True, mass_action=False)


def test_species_defined_twice_on_a_region():
    cyt = rxd.Region([_sec()], nrn_region="i")
    ca1 = rxd.Species(cyt, name="ca", charge=2)  # noqa: F841
    ca2 = rxd.Species(cyt, name="ca", charge=2)
    with pytest.raises(RxDException, match='previously defined on region'):
        ca2.nodes


def test_set_solve_type_validates():
    with pytest.raises(RxDException, match="dimension must be 1 or 3"):
        rxd.set_solve_type(dimension=2)
    with pytest.raises(RxDException, match="nthread"):
        rxd.nthread(0)


def test_properties_frozen_after_instantiation():
    cyt = rxd.Region([_sec()])
    a = rxd.Species(cyt, name="a")
    a.nodes
    with pytest.raises(RxDException, match="already instantiated"):
        a.name = "b"
    with pytest.raises(RxDException, match="already instantiated"):
        cyt.nrn_region = "i"
    with pytest.raises(RxDException, match="before any access to nodes"):
        rxd.set_solve_type(dimension=1)


def _sec3d(name="d", nseg=3):
    s = _sec(name, nseg)
    s.L, s.diam = 4.0, 1.5
    rxd.set_solve_type(s, dimension=3)
    return s


def test_3d_region_outside_the_membrane_is_refused():
    r = rxd.Region([_sec3d()], nrn_region="o", dx=0.5)
    x = rxd.Species(r, name="x3", initial=1)  # noqa: F841 (species live while referenced)
    with pytest.raises(RxDException, match='nrn_region="o"'):
        nc.finitialize(-65)


def test_3d_region_needs_a_volume_geometry():
    r = rxd.Region([_sec3d()], geometry=rxd.Shell(0.5, 1), dx=0.5)
    x = rxd.Species(r, initial=1)  # noqa: F841
    with pytest.raises(RxDException, match="does not support 3d"):
        nc.finitialize(-65)


def test_connected_1d_and_3d_sections_are_refused():
    a = _sec("a")
    b = _sec3d("b")
    b.connect(a(1))
    r = rxd.Region([a, b], dx=0.5)
    x = rxd.Species(r, d=1, initial=1)  # noqa: F841
    with pytest.raises(RxDException, match="b .3-D. is connected to a .1-D.*hybrid"):
        nc.finitialize(-65)


def test_multicompartment_reaction_in_3d_is_refused():
    s = _sec3d()
    cyt = rxd.Region([s], nrn_region="i", dx=0.5)
    er = rxd.Region([s], geometry=rxd.FractionalVolume(0.2), dx=0.5)
    mem = rxd.Region([s], geometry=rxd.DistributedBoundary(2), dx=0.5)
    ca = rxd.Species([cyt, er], name="ca", d=1, charge=2, initial=1e-4)
    r = rxd.MultiCompartmentReaction(ca[er], ca[cyt], 1.0, membrane=mem)  # noqa: F841
    with pytest.raises(RxDException, match="multicompartment reactions on sections solved in 3-D"):
        nc.finitialize(-65)


def test_membrane_potential_in_3d_reaction_is_refused():
    cyt = rxd.Region([_sec3d()], nrn_region="i", dx=0.5)
    a = rxd.Species(cyt, d=1, initial=1)
    r = rxd.Rate(a, -a * rxd.v)  # noqa: F841
    with pytest.raises(RxDException, match="membrane potential v cannot be read in a 3-D"):
        nc.finitialize(-65)


def _three_sections():
    soma1, soma2, dend1 = _sec("soma1", 1), _sec("soma2", 1), _sec("dend1", 1)
    for s in (soma1, soma2, dend1):
        s.L, s.diam = 2.0, 1.0
    dend1.connect(soma1(1))
    rxd.set_solve_type(dimension=3)
    return soma1, soma2, dend1


def test_touching_3d_sections_with_different_dx_are_refused():
    soma1, soma2, dend1 = _three_sections()
    cyt1 = rxd.Region([soma1], dx=0.2)
    cyt2 = rxd.Region([dend1], dx=0.25)
    ca = rxd.Species([cyt1, cyt2])  # noqa: F841
    with pytest.raises(RxDException, match="multigridding.*soma1 .dx 0.2. and dend1 .dx 0.25."):
        nc.finitialize(-65)


def test_3d_regions_with_different_dx_apart_or_same_dx_are_allowed():
    soma1, soma2, dend1 = _three_sections()
    cyt1 = rxd.Region([soma1, dend1], dx=0.25)
    cyt2 = rxd.Region([soma2], dx=0.2)
    cyt3 = rxd.Region([dend1], dx=0.25)
    a, b, c = rxd.Species(cyt1), rxd.Species(cyt2), rxd.Species(cyt3)  # noqa: F841
    nc.finitialize(-65)
    nc.fadvance()
    assert len(a.nodes) and len(b.nodes) and len(c.nodes)
