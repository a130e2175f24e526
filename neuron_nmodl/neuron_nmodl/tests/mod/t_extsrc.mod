: GLOBALs that another mechanism of the library names in an EXTERNAL statement.
NEURON { SUFFIX textsrc GLOBAL gs, ga, gt }
PARAMETER { gs = 1.5  ga[3]  gt = 0.25 }
