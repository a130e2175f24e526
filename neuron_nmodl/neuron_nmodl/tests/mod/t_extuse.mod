: EXTERNAL variables: the GLOBALs of another mechanism (by their hoc names), declared here
: as well (an array's size does not matter) or not. NEURON links them to the other
: mechanism's variables (an array, though, it declares as a pointer and crashes on).
NEURON { SUFFIX textuse EXTERNAL gs_textsrc, ga_textsrc, gt_textsrc RANGE y }
PARAMETER { gs_textsrc  ga_textsrc[1] }
ASSIGNED { y }
INITIAL { y = gs_textsrc + gt_textsrc }
PROCEDURE put(x) { gs_textsrc = x }
FUNCTION get() { get = gs_textsrc + gt_textsrc }
PROCEDURE puta(i, x) { ga_textsrc[i] = x }
FUNCTION geta(i) { geta = ga_textsrc[i] }
