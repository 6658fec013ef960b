# The two set-up commands of the README: `make run` and `make test`.
# Both create .venv and install what they need, so they work on a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared

.PHONY: install run test eval bench samples clean

$(BIN)/extractor: setup.cfg setup.py pyproject.toml extractor/_speedups.pyx
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -e '.[test]'
	@$(BIN)/python -c 'from extractor.compiled import speedups; speedups() or print("note: extractor/_speedups.pyx was not built (no Cython or C compiler?): the Python loops run, slower")'
	@touch $@

install: $(BIN)/extractor

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
