NEURON { ARTIFICIAL_CELL trand RANDOM r RANGE u }
ASSIGNED { u }
INITIAL { u = random_uniform(r, 10, 20) }
FUNCTION draw() { draw = random_negexp(r) + random_normal(r, 1, 0) }
