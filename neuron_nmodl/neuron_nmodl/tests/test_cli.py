"""nrnivmodl: the x86_64/ folder, caching, errors with their .mod locations."""
import os
import time

import pytest

from neuron_nmodl.cli import collect_mod_files, machine_dir, main

PAS = """NEURON { SUFFIX mypas NONSPECIFIC_CURRENT i RANGE g }
PARAMETER { g = .001 (S/cm2) }
ASSIGNED { v (mV) i (mA/cm2) }
BREAKPOINT { i = g*(v + 70) }
"""
SYN = """NEURON { POINT_PROCESS MySyn NONSPECIFIC_CURRENT i }
ASSIGNED { v i }
STATE { g }
BREAKPOINT { SOLVE s METHOD cnexp i = g*v }
DERIVATIVE s { g' = -g }
NET_RECEIVE (w) { g = g + w }
"""


def test_build_folder_and_cache(tmp_path, monkeypatch, capsys):
    (tmp_path / "mypas.mod").write_text(PAS)
    (tmp_path / "mysyn.mod").write_text(SYN)
    monkeypatch.chdir(tmp_path)
    assert main([]) == 0
    out = capsys.readouterr().out
    assert "Translating mypas.mod" in out and "Successfully created %s/special" % machine_dir() in out
    d = tmp_path / machine_dir()
    assert (d / "libnrnmech.so").exists() and (d / "mypas.cpp").exists() and (d / "special").exists()
    t = time.perf_counter()
    assert main([]) == 0
    assert time.perf_counter() - t < 1.0
    assert "up to date" in capsys.readouterr().out
    # a change rebuilds only what changed
    (tmp_path / "mypas.mod").write_text(PAS.replace(".001", ".002"))
    assert main(["mypas", "mysyn.mod"]) == 0
    assert "Translating mypas.mod" in capsys.readouterr().out


def test_syntax_error_exit_status(tmp_path, monkeypatch, capsys):
    (tmp_path / "bad.mod").write_text("NEURON { SUFFIX bad }\nBREAKPOINT {\n  x = = 2\n}\n")
    monkeypatch.chdir(tmp_path)
    assert main(["."]) == 1
    err = capsys.readouterr().err
    assert "bad.mod:3:7: error: expected an expression but found '='" in err
    assert "  x = = 2\n      ^" in err


def test_duplicate_mechanism_names(tmp_path, monkeypatch, capsys):
    (tmp_path / "a.mod").write_text(PAS)
    (tmp_path / "b.mod").write_text(PAS)
    monkeypatch.chdir(tmp_path)
    assert main([]) == 1
    err = capsys.readouterr().err
    assert "mypas is defined twice" in err and "a.mod" in err and "b.mod" in err


def test_cxx_error_in_verbatim_names_the_mod_line(tmp_path, monkeypatch, capsys):
    (tmp_path / "v.mod").write_text("NEURON { SUFFIX vv }\nFUNCTION f() {\nVERBATIM\n"
                                    "  _lf = undefined_thing + 1;\nENDVERBATIM\n}\n")
    monkeypatch.chdir(tmp_path)
    assert main([]) == 1
    err = capsys.readouterr().err
    assert "v.mod:4:" in err and "undefined_thing" in err


def test_incflags_and_loadflags_reach_the_compiler(tmp_path, monkeypatch, capsys):
    (tmp_path / "inc").mkdir()
    (tmp_path / "inc" / "myconst.h").write_text("#define MY_CONST 7.0\n")
    (tmp_path / "useinc.mod").write_text(
        "NEURON { SUFFIX useinc }\nVERBATIM\n#include <myconst.h>\nENDVERBATIM\n"
        "FUNCTION k() {\nVERBATIM\n    _lk = MY_CONST;\nENDVERBATIM\n}\n")
    monkeypatch.chdir(tmp_path)
    assert main([]) == 1
    assert "myconst.h" in capsys.readouterr().err
    assert main(["-incflags", "-I%s -DUNUSED=1" % (tmp_path / "inc"), "-loadflags", "-lm"]) == 0
    from .harness import Library
    assert Library(str(tmp_path / machine_dir() / "libnrnmech.so")).call("useinc", "k") == 7.0


def test_collect_mod_files(tmp_path):
    (tmp_path / "x.mod").write_text(PAS)
    assert collect_mod_files([str(tmp_path / "x")]) == [str(tmp_path / "x.mod")]
    assert collect_mod_files([str(tmp_path)]) == [str(tmp_path / "x.mod")]
    with pytest.raises(Exception, match="no such"):
        collect_mod_files([str(tmp_path / "nothere")])


def test_plugin_hooks(tmp_path):
    from neuron_nmodl import plugin

    (tmp_path / "p.mod").write_text(PAS)
    lib = plugin.neuron_compile_mechanisms([str(tmp_path / "p.mod")], str(tmp_path / "out"))
    assert os.path.exists(lib)
    got = {}
    plugin.neuron_register_commands(lambda name, fn: got.setdefault(name, fn))
    assert got["nrnivmodl"] is main and got["mknrndll"] is main
