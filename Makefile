# Two entry points, both safe to run on a fresh machine (they set everything up):
#   make demo  - install kabar into .venv, code the bundled examples and store them
#   make test  - install kabar with its dev tools into .venv, lint, type-check, test
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.kabar-installed

.PHONY: demo test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p out
	$(BIN)/kabar check
	$(BIN)/kabar code examples/ -o out/events.jsonl
	@echo "events written to out/events.jsonl"
	$(BIN)/kabar ingest examples/ --db out/kabar.db
	$(BIN)/kabar events --db out/kabar.db --limit 10
	@echo "events stored in out/kabar.db (query it with: .venv/bin/kabar events --db out/kabar.db)"

lint: $(STAMP)
	$(BIN)/ruff check src tests tools bench
	$(BIN)/mypy

test: lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
