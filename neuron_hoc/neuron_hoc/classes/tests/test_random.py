"""Random streams equal NEURON 9.0.2's number for number (values printed by NEURON)."""
import pytest

from neuron_core.vector import Vector
from neuron_hoc.classes import Random

STREAM_789 = {
    ("uniform", 2, 5): ([2.04893848764502, 2.8039413332464314, 2.152917035819749, 3.339377295845333,
                         2.9994654324838272, 2.2320586707834016], 6.0),
    ("discunif", 1, 6): ([1.0, 2.0, 1.0, 3.0, 2.0, 1.0], 6.0),
    ("normal", 1, 4): ([-0.2589300658708569, 0.8498884204620287, 0.5457364376023239,
                        -0.15072880576338266, 0.7322787221449307, 1.5692214788931196], 8.0),
    ("lognormal", 2, 3): ([0.9440769586279926, 1.4293101962075747, 1.275614142181024,
                           0.9830686948034993, 1.3677971506230457, 1.8705815766052476], 8.0),
    ("poisson", 3.5): ([0.0, 1.0, 2.0, 3.0, 3.0, 4.0], 19.0),
    ("binomial", 10, 0.3): ([7.0, 5.0, 4.0, 3.0, 1.0, 0.0], 60.0),
    ("geometric", 0.7): ([8.0, 9.0, 9.0, 4.0, 4.0, 3.0], 37.0),
    ("hypergeo", 3, 20): ([10.284655657841462, 6.298119232351768, 4.751666978526698,
                           0.11210840025084808, 3.4976167072086604, 1.5673968565442546], 12.0),
    ("negexp", 2.5): ([10.289508530850027, 3.2921031743314613, 7.441180107180968, 2.0160187182674165,
                       2.7478674977910926, 6.398443341619467], 6.0),
    ("erlang", 4, 2): ([7.082040156467368, 6.08979382898716, 4.652898168097069, 4.104652863533619,
                        5.337938007166971, 3.2573265964883005], 48.0),
    ("weibull", 1.5, 2): ([0.10266378163446606, 0.7301434282764372, 0.22204982385436695,
                           1.1184514985143077, 0.8692234331676901, 0.2959699579219412], 6.0),
}


@pytest.mark.parametrize("case", sorted(STREAM_789))
def test_distributions_match_neuron(case):
    r = Random()
    assert r.Random123(7, 8, 9) == 0.0
    values = [getattr(r, case[0])(*case[1:])] + [r.repick() for _ in range(5)]
    expected, seq = STREAM_789[case]
    assert values == expected
    assert r.seq() == seq


def test_default_generator_is_random123_with_seed_and_size():
    assert [Random(3).uniform(0, 1) for _ in range(1)] == [0.5203652848674997]
    r = Random(3)
    assert [r.uniform(0, 1) for _ in range(3)] == [0.5203652848674997, 0.6119376780437451,
                                                   0.16545951246156834]
    r = Random(3, 20)
    assert [r.uniform(0, 1) for _ in range(3)] == [0.7138765280335497, 0.703421903610364,
                                                   0.377565363566958]
    assert Random(-1).uniform(0, 1) == 0.4116197180907196
    assert Random(4294967297).uniform(0, 1) == Random(1.9).uniform(0, 1) == 0.025035319844019757
    r = Random()
    assert r.uniform(0, 1) == 0.7391580530118295  # ids (0, 55, 0)
    with pytest.raises(RuntimeError):
        Random(1, 5)  # size must be 7..98


def test_random123_stream_positions():
    r = Random()
    r.Random123(1, 2, 3)
    assert [r.uniform(0, 1) for _ in range(3)] == [0.980861897351951, 0.22910290974446038,
                                                   0.12487032890206429]
    assert r.seq() == 3.0
    r.Random123(1, 2, 3)
    assert r.normal(0, 1) == 1.1697705780078251 and r.seq() == 6.0
    r.Random123(1, 2, 3)
    assert r.repick() == 0.6540212446585365  # the cached second normal survives the reset
    assert r.seq() == 0.0
    assert r.seq(10) == 10.0
    assert r.repick() == 1.6029970447706468 and r.seq() == 14.0
    r.Random123(1)
    assert r.negexp(1) == 0.6603331761410487


def test_global_index_changes_every_stream():
    r = Random()
    r.Random123(1, 2, 3)
    try:
        assert r.Random123_globalindex() == 0.0
        assert r.Random123_globalindex(3) == 3.0
        # the current block was computed with index 0; the next pick still comes from it
        assert r.uniform(0, 1) == 0.980861897351951
        r.Random123(1, 2, 3)
        assert r.uniform(0, 1) == 0.78222975535732
    finally:
        r.Random123_globalindex(0)


def test_mcellran4():
    r = Random()
    first = r.MCellRan4()
    second = r.MCellRan4()
    assert first != second and first > 0
    assert r.MCellRan4(5) == 5.0
    assert r.uniform(0, 1) == 0.332903403788805 and r.seq() == 6.0
    assert r.repick() == 0.2597382378298789
    r3 = Random()
    assert r3.MCellRan4(5, 7) == 5.0
    assert r3.uniform(0, 1) == 0.25929506798274815
    r4 = Random()
    r4.MCellRan4(12345)
    r4.normal(0, 1)
    assert [r4.repick() for _ in range(4)] == [1.9249941234744175, -1.7006049270139971,
                                               -0.09432840027602125, -1.0466284514614297]
    assert r4.seq() == 12357.0


def test_argument_checks():
    r = Random()
    with pytest.raises(RuntimeError):
        r.binomial(5, 2)
    with pytest.raises(RuntimeError):
        r.geometric(1.5)
    with pytest.raises(RuntimeError):
        r.Random123(-1)
    fresh = Random()
    assert fresh.uniform(5, 2) == 4.217474159035488  # bounds are ordered
    assert fresh.discunif(6, 1) == 6.0 and fresh.binomial(5, 0.5) == 3.0


def test_vector_setrand_addrand():
    vrand = Vector((1, 2, 3))
    r = Random()
    r.poisson(12)
    assert vrand.cl().setrand(r).to_python() == [22.0, 16.0, 16.0]
    assert vrand.cl().setrand(r, 1, 2).to_python() == [1.0, 8.0, 12.0]
    assert vrand.cl().addrand(r).to_python() == [7.0, 13.0, 12.0]
    assert vrand.cl().addrand(r, 0, 1).to_python() == [9.0, 16.0, 3.0]
    with pytest.raises(RuntimeError):
        vrand.setrand(Vector())


def test_setrand_equals_repick_sequence():
    a, b = Random(), Random()
    a.normal(2, 0.5)
    b.normal(2, 0.5)
    v = Vector(1001).setrand(a)
    assert v.to_python() == [b.repick() for _ in range(1001)]
