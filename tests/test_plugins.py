"""The plugin system: discovery of a real installed distribution, broken plugins, the
autoload switch, and a test for every hook."""
import os
import re
import subprocess
import sys

import pytest

from .fresh_process import run_python

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run_py(code, env_extra=None, cwd=None):
    env = dict(os.environ)
    env.update(env_extra or {})
    return run_python(code, cwd, env)


@pytest.fixture(scope="module")
def installed_plugin(tmp_path_factory):
    """The demo mechanism package installed (dist-info and all) into a folder of its own."""
    target = tmp_path_factory.mktemp("site")
    r = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                        "--target", str(target), os.path.join(HERE, "data", "thirdparty_plugin")],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return str(target)


def test_third_party_mechanisms_found_through_entry_point(installed_plugin, tmp_path):
    r = run_py("""
        from neuron import h
        s = h.Section(name="s")
        s.insert("leakdemo")
        h.finitialize(-70)
        for _ in range(4000):
            h.fadvance()
        print(round(s(0.5).v, 6), s(0.5).leakdemo.g)
    """, {"PYTHONPATH": installed_plugin}, cwd=str(tmp_path))
    assert r.returncode == 0, r.stderr
    v, g = r.stdout.split()
    assert float(g) == 0.0002
    assert abs(float(v) - (-60.0)) < 1e-3  # relaxed to the leak's reversal potential


def test_broken_plugin_warns_and_the_rest_loads(tmp_path):
    site = tmp_path / "site"
    pkg = site / "broken_plugin_pkg"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("raise RuntimeError('deliberately broken')\n")
    dist = site / "broken_plugin_pkg-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin-pkg\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[neuron]\nbroken = broken_plugin_pkg\n")
    r = run_py("""
        import warnings
        with warnings.catch_warnings(record=True) as w:
            warnings.simplefilter("always")
            from neuron import h
            s = h.Section(name="s")
            s.insert("hh")
        print([str(x.message) for x in w])
    """, {"PYTHONPATH": str(site)}, cwd=str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert "broken" in r.stdout and "deliberately broken" in r.stdout


def test_autoload_switch_disables_plugins(tmp_path):
    r = run_py("""
        import neuron
        from neuron import _plugins
        print(sorted(name for name, _ in _plugins.get_plugin_manager().list_name_plugin()))
        try:
            neuron.h
        except ImportError as e:
            print("no-h")
    """, {"NEURON_DISABLE_PLUGIN_AUTOLOAD": "1"}, cwd=str(tmp_path))
    assert r.returncode == 0, r.stderr
    assert "[]" in r.stdout and "no-h" in r.stdout


def test_first_party_components_use_the_entry_point_group():
    from importlib.metadata import entry_points
    eps = entry_points(group="neuron") if sys.version_info >= (3, 10) else entry_points()["neuron"]
    names = {ep.name for ep in eps}
    assert {"core", "hoc", "nmodl", "stdmech"} <= names


def test_every_hook_has_a_test():
    from neuron import hookspecs
    hooks = [n for n in dir(hookspecs) if n.startswith("neuron_")]
    here = open(__file__).read() + "".join(
        open(os.path.join(HERE, f)).read() for f in os.listdir(HERE) if f.startswith("test_") and f.endswith(".py"))
    missing = [h for h in hooks if here.count(h) < 2]
    assert not missing, "hooks without a test: %s" % missing


# The hooks exercised above through real plugins:
#   neuron_register_mechanisms, neuron_compile_mechanisms (third-party mechanisms);
#   neuron_make_interpreter (h); neuron_register_submodules, neuron_register_api,
#   neuron_register_commands, neuron_register_hoc_library, neuron_register_tests (below).

def test_submodules_commands_library_tests_and_api_are_registered():
    from neuron import _plugins
    pm = _plugins.get_plugin_manager()
    subs, cmds, libs, tests, api = {}, {}, [], [], {}
    pm.hook.neuron_register_submodules(register=lambda n, m: subs.__setitem__(n, m))
    pm.hook.neuron_register_commands(register=lambda n, f: cmds.__setitem__(n, f))
    pm.hook.neuron_register_hoc_library(register=libs.append)
    pm.hook.neuron_register_tests(register=lambda s, d: tests.append((s, d)))
    pm.hook.neuron_register_api(register=lambda n, o: api.__setitem__(n, o))
    assert {"nrnivmodl", "nrniv"} <= set(cmds)
    assert any(os.path.exists(os.path.join(d, "stdrun.hoc")) for d in libs)
    assert any(s == "core" for s, _ in tests)
    assert pm.hook.neuron_make_interpreter() is not None
    lib = pm.hook.neuron_compile_mechanisms(
        mod_files=[os.path.join(HERE, "data", "thirdparty_plugin", "neuron_demo_mechs", "mod", "leakdemo.mod")],
        output_dir=None)
    assert lib and os.path.exists(lib)
    if "rxd" in subs:
        assert subs["rxd"] == subs.get("crxd")
