# The two set-up commands of the README: `make run` and `make test`.
# Both create .venv and install what they need, so they work on a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared

.PHONY: install run test eval bench samples clean

# a fresh .venv: the package and its dependencies, Cython among them, without the compiled
# modules (extractor/compiled.py), which the next step builds
$(BIN)/extractor: setup.cfg setup.py pyproject.toml
	$(PYTHON) -m venv $(VENV)
	EXTRACTOR_NO_BUILD=1 $(BIN)/pip install -q --disable-pip-version-check -e '.[test,build]'
	@touch $@

# the compiled modules, built in place: all of them the first time, and after an edit what it
# made out of date (a module whose build is older than its source runs as Python meanwhile,
# so the results never wait for this, only the speed)
$(VENV)/compiled: $(BIN)/extractor extractor/_speedups.pyx $(wildcard extractor/*.py extractor/*/*.py)
	$(BIN)/python setup.py -q build_ext --inplace 2>&1 | grep -v -i "warning\|^\s*$$\|^\*\*\|^ *!!\|deprecat" || true
	@$(BIN)/python -c 'from extractor import compiled as c; n = len(c.in_use()) + bool(c.speedups()); t = len(c.MODULES) + 1; n == t or print(f"note: {t - n} of the {t} compiled modules are not built (no Cython or C compiler?): their Python runs, slower")'
	@touch $@

install: $(VENV)/compiled

run: install  ## run the extractor over samples/ and print the events
	$(BIN)/extractor extract samples/ --format events

test: install  ## the test suite (every test; no timing assertions)
	$(BIN)/pytest

samples: install  ## regenerate samples/expected/ deliberately, after a reviewed improvement
	$(BIN)/python scripts/update_samples.py

eval: install  ## accuracy on ../shared/eval and the seed (skips what is absent)
	$(BIN)/python scripts/eval_all.py --shared $(SHARED)

bench: install  ## speed figures (see README, "Speed")
	$(BIN)/python scripts/bench.py --shared $(SHARED)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .hypothesis
	find extractor \( -name '*.so' -o -name '*.c' \) -delete   # what setup.py built in place
