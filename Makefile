# Plain entry points: `make install`, `make test`, `make demo`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# every component distribution in the repository (a folder with a pyproject.toml)
COMPONENTS := $(patsubst %/pyproject.toml,%,$(wildcard neuron_core/pyproject.toml neuron_nmodl/pyproject.toml neuron_hoc/pyproject.toml neuron_rxd/pyproject.toml plugins/*/pyproject.toml))

.PHONY: install test demo core clean conformance bench installcheck

$(PY):
	$(PYTHON) -m venv $(VENV)

install: $(PY)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -r requirements-dev.txt
	$(PIP) install -q --no-deps --no-build-isolation --config-settings editable_mode=compat $(foreach c,$(COMPONENTS),-e $(c)) -e .
	# editable installs get no bytecode from pip: compile it once so `import neuron` is fast
	$(PY) -m compileall -q -x '/(tests|build)/' neuron $(COMPONENTS) > /dev/null
	$(PY) -c "import neuron; print('neuron', neuron.__version__, 'installed in $(VENV)')"

core: $(PY)
	cd neuron_core && ../$(PY) setup.py -q build_ext --inplace

test: install
	$(PY) -m pytest -q -p no:cacheprovider

demo: install
	$(PY) demo/ball_and_stick_net.py

conformance: install
	$(PY) ../shared/conformance/run.py --python $(PY)

bench: install
	$(PY) benchmarks/run.py

clean:
	rm -rf $(VENV) build */build */*.egg-info plugins/*/*.egg-info
	find . -name __pycache__ -prune -exec rm -rf {} +
	find . -name '*.so' -path '*neuron_core*' -delete

# the distributions as a user gets them (`pip install .[rxd]`, not editable) in a fresh venv,
# then neuron.test() from outside the repository: every module and data file must be shipped
installcheck:
	rm -rf build/installcheck && $(PYTHON) -m venv build/installcheck
	build/installcheck/bin/pip install -q ".[rxd,test]"
	cd /tmp && $(CURDIR)/build/installcheck/bin/python -c "import sys, neuron; sys.exit(0 if neuron.test() else 1)"
