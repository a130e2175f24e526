: BBCOREPOINTER: `_p_name` is the instance's opaque void* handle (NEURON 9 semantics).
NEURON { POINT_PROCESS tbbcore  BBCOREPOINTER ptr  RANGE scale }
PARAMETER { scale = 2 }
ASSIGNED { ptr }
VERBATIM
struct Box { double value; };
ENDVERBATIM
CONSTRUCTOR {
VERBATIM
    _p_ptr = nullptr;
ENDVERBATIM
}
DESTRUCTOR {
VERBATIM
    delete static_cast<Box*>(_p_ptr);
    _p_ptr = nullptr;
ENDVERBATIM
}
PROCEDURE put(x) {
VERBATIM
    if (!_p_ptr) {
        _p_ptr = new Box{0.};
    }
    static_cast<Box*>(_p_ptr)->value = _lx * scale;
ENDVERBATIM
}
FUNCTION get() {
VERBATIM
    _lget = _p_ptr ? static_cast<Box*>(_p_ptr)->value : -1.;
ENDVERBATIM
}
