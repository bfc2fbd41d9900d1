# kcqa: `make run` starts the web UI (building the index first if needed); `make test` runs the tests.
# Both create the virtualenv .venv on first use. Python 3.11; torch is pinned to the CPU build.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test setup browser lint bench eval clean

run: $(VENV)/.installed
	$(BIN)/python app.py

test: $(VENV)/.installed browser
	$(BIN)/python -m pytest

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@# refuse a CUDA build of torch (several GB): the pin must resolve to the CPU wheel
	$(BIN)/python -c "import torch, sys; sys.exit('torch is a CUDA build: install torch==2.13.0 from the CPU index first (see DEVELOPERS.md)' if torch.version.cuda else 0)"
	touch $@

# Debian's chromium drives the browser tests (playwright's own browser download does not work here).
browser:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

lint: $(VENV)/.installed
	$(BIN)/ruff check src tests benchmarks tools app.py

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/run.py

eval: $(VENV)/.installed
	$(BIN)/kcqa eval tests/data/questions_seeds.json

clean:
	rm -rf $(VENV) index/v-* index/manifest.json index/.lock
