NEURON { POINT_PROCESS tcons RANGE made }
ASSIGNED { made }
CONSTRUCTOR { made = 42 }
DESTRUCTOR { made = -1 }
