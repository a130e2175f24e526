: Two BEFORE STEP blocks (a model's own and an INCLUDE file's): NEURON runs both, in file
: order, each over all instances.
NEURON { SUFFIX ttwoba RANGE x, y }
ASSIGNED { x y }
INITIAL { x = 1  y = 0 }
BEFORE STEP { x = x + t }
BEFORE STEP { y = 2 * y + x }
