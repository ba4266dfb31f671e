# Two commands for a fresh machine: `make demo` and `make test` (see README).
# Each creates .venv when missing and installs the project into it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: demo test lint typecheck pytest bench clean chromium redis

$(STAMP): pyproject.toml
	@bash tools/bootstrap.sh "$(PYTHON)" "$(VENV)"
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-* && touch $(STAMP)

demo: $(STAMP)
	$(BIN)/prohori demo --db prohori-demo.db

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy crawler spiders pipelines benchmarks tools tests

chromium:
	@bash tools/ensure_chromium.sh

redis:
	@bash tools/ensure_redis.sh

pytest: $(STAMP) chromium redis
	$(BIN)/pytest

test: lint typecheck pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/crawl.py

clean:
	rm -rf $(VENV) prohori-demo.db* .pytest_cache .mypy_cache .ruff_cache
