"""stdrun's numerical method switches: cvode_active() and cvode_local() act as NEURON's
numerical method panel (what they reset, dt kept for the fixed step, using_cvode_).  The
expected outputs are NEURON 9.0.2's nrniv output for the same snippets."""
import pytest

from .hoc_cases import check_case

CASES = [
    ('cvode_active_and_cvode_local',
     'load_file("stdrun.hoc")\n'
     'create soma\n'
     'access soma\n'
     'soma insert hh\n'
     'proc pr() { printf("%s: active %d daspk %d local %d method %d using %d dt %g\\n", $s1, '
     'cvode.active(), cvode.use_daspk(), cvode.use_local_dt(), cvode.current_method(), '
     'using_cvode_, dt) }\n'
     'dt = 0.01\n'
     '{ cvode_local(1)  pr("cvode_local(1)") }\n'
     '{ cvode_active(1)  pr("cvode_active(1)") }\n'
     '{ cvode.use_daspk(1)  printf("use_daspk(1): daspk %d method %d\\n", cvode.use_daspk(), '
     'cvode.current_method()) }\n'
     '{ cvode_active(1)  pr("cvode_active(1)") }\n'
     '{ cvode_local(1)  pr("cvode_local(1)") }\n'
     'tstop = 1\n'
     'run()\n'
     '{ cvode_local(0)  pr("cvode_local(0)") }\n'
     '{ cvode_active(1)  pr("cvode_active(1)") }\n'
     'run()\n'
     '{ cvode_active(0)  pr("cvode_active(0)") }\n'
     'print cvode_active(), cvode_local()\n'
     'dt = 0.05\n'
     '{ cvode_active(1)  pr("cvode_active(1)") }\n'
     '{ cvode_active(1)  pr("cvode_active(1)") }\n'
     'run()\n'
     '{ cvode_active(0)  pr("cvode_active(0)") }\n'
     'soma insert extracellular\n'
     '{ cvode_active(1)  pr("extracellular cvode_active(1)") }\n'
     '{ cvode_local(1)  pr("extracellular cvode_local(1)") }\n'
     '{ cvode_active(0)  pr("extracellular cvode_active(0)") }\n'
     '{ cvode_local(1)  pr("extracellular cvode_local(1)") }\n'
     '{ cvode_local(0)  pr("extracellular cvode_local(0)") }\n'
     'delete_section()\n'
     '{ cvode.use_daspk(0)  cvode.use_local_dt(0)  pr("reset") }\n',     # as the next test finds it
     '\t1 \n'
     'cvode_local(1): active 1 daspk 0 local 1 method 1301 using 1 dt 0.01\n'
     'cvode_active(1): active 1 daspk 0 local 0 method 301 using 1 dt 0.01\n'
     'use_daspk(1): daspk 1 method 411\n'
     'cvode_active(1): active 1 daspk 0 local 0 method 301 using 1 dt 0.01\n'
     'cvode_local(1): active 1 daspk 0 local 1 method 1301 using 1 dt 0.01\n'
     'cvode_local(0): active 0 daspk 0 local 1 method 1 using 0 dt 0.01\n'
     'cvode_active(1): active 1 daspk 0 local 0 method 301 using 1 dt 0.01\n'
     'cvode_active(0): active 0 daspk 0 local 0 method 1 using 0 dt 0.01\n'
     '0 0 \n'
     'cvode_active(1): active 1 daspk 0 local 0 method 301 using 1 dt 0.05\n'
     'cvode_active(1): active 1 daspk 0 local 0 method 301 using 1 dt 0.05\n'
     'cvode_active(0): active 0 daspk 0 local 0 method 1 using 0 dt 0.05\n'
     'extracellular cvode_active(1): active 1 daspk 1 local 0 method 412 using 1 dt 0.05\n'
     'extracellular cvode_local(1): active 1 daspk 1 local 0 method 412 using 1 dt 0.05\n'
     'extracellular cvode_active(0): active 0 daspk 1 local 0 method 12 using 0 dt 0.05\n'
     'extracellular cvode_local(1): active 0 daspk 1 local 0 method 12 using 0 dt 0.05\n'
     'extracellular cvode_local(0): active 0 daspk 1 local 0 method 12 using 0 dt 0.05\n'
     '\t1 \n'
     'reset: active 0 daspk 0 local 0 method 0 using 0 dt 0.05\n',
     None),
    ('played_hoc_variable_after_a_variable_step_run',
     'load_file("stdrun.hoc")\n'
     'create soma\n'
     'access soma\n'
     'soma insert pas\n'
     'objref vy, ty\n'
     'vy = new Vector(3)\n'
     'vy.x[0] = 1\n'
     'vy.x[1] = 2\n'
     'vy.x[2] = 3\n'
     'ty = new Vector(3)\n'
     'ty.x[0] = 0\n'
     'ty.x[1] = 0.5\n'
     'ty.x[2] = 0.8\n'
     'y = 0\n'
     '{ vy.play(&y, ty) }\n'
     'tstop = 1\n'
     'cvode_active(1)\n'
     'run()\n'
     'print t, y\n'
     'cvode_active(0)\n'
     'run()\n'
     'print t, y\n'
     '{ vy.play_remove() }\n',
     '\t1 \n'
     '\t1 \n'
     '1 3 \n'
     '\t0 \n'
     '1 3 \n',
     None),
]


@pytest.mark.parametrize("name,code,expected,error", CASES, ids=[c[0] for c in CASES])
def test_hoc(name, code, expected, error, tmp_path):
    check_case(code, expected, error, cwd=str(tmp_path))
