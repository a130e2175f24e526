"""The API of the top-level `neuron` module."""
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

import neuron
from neuron import h

HERE = os.path.dirname(os.path.abspath(__file__))


def test_version_is_a_9x_string():
    assert neuron.__version__.startswith("9.")
    assert neuron.__version__ >= "9.0.1"
    assert neuron.version == neuron.__version__


def test_units():
    from neuron import units
    assert units.mV == 1 and units.ms == 1 and units.um == 1
    assert 5 * units.s == 5000 and units.uM == 1e-3 and units.nM == 1e-6


def test_h_and_n_are_the_same_namespace():
    assert neuron.n is neuron.h


def test_numpy_element_ref_records_into_vector():
    arr = np.zeros(3)
    ref = neuron.numpy_element_ref(arr, 1)
    ref[0] = 2.5
    assert arr[1] == 2.5
    s = h.Section(name="s")
    v = h.Vector().record(ref)
    h.finitialize(-65)
    h.fadvance()
    assert list(v) == [2.5, 2.5]
    del s


def test_nrn_dll_and_symbol():
    import ctypes
    dll = neuron.nrn_dll()
    fn = neuron.nrn_dll_sym("nrn_engine_get")
    assert isinstance(dll, ctypes.CDLL) and fn is not None


def test_psection_dict():
    s = h.Section(name="soma")
    s.insert("hh")
    d = neuron.psection(s)
    assert d["density_mechs"]["hh"]["gnabar"] == [0.12]
    assert d["ions"]["na"]["ena"] == [50.0]
    assert d["morphology"]["L"] == 100.0 and d["nseg"] == 1


def test_new_point_process_class():
    IClamp2 = neuron.new_point_process("IClamp")
    s = h.Section(name="s")
    s.nseg = 5
    st = IClamp2(s, 0.3)
    assert st.get_segment().x == 0.3
    s.nseg = 1                          # moved to the centre of the segment holding it
    assert st.get_segment().x == 0.5


def test_load_mechanisms_from_folder(tmp_path, capsys):
    mod = os.path.join(HERE, "data", "thirdparty_plugin", "neuron_demo_mechs", "mod", "leakdemo.mod")
    work = tmp_path / "m"
    work.mkdir()
    shutil.copy(mod, work / "leakload.mod")
    text = (work / "leakload.mod").read_text().replace("SUFFIX leakdemo", "SUFFIX leakload")
    (work / "leakload.mod").write_text(text)
    nrnivmodl = os.path.join(os.path.dirname(sys.executable), "nrnivmodl")
    r = subprocess.run([nrnivmodl], cwd=str(work), capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert neuron.load_mechanisms(str(work)) is True
    s = h.Section(name="s")
    s.insert("leakload")
    assert s(0.5).leakload.e == -60
    assert neuron.load_mechanisms(str(work)) is True
    assert "already loaded" in capsys.readouterr().out
    assert neuron.load_mechanisms(str(tmp_path / "nothing")) is False


def test_hoc_and_nrn_submodules():
    import neuron.hoc
    import neuron.nrn
    assert neuron.hoc.Vector is h.Vector
    assert isinstance(h.Vector(), neuron.hoc.Vector)

    class MySection(neuron.nrn.Section):
        pass
    s = MySection(name="subclassed")
    assert s.L == 100.0 and isinstance(s, neuron.nrn.Section)
    assert neuron.nrn.Segment is type(s(0.5))
