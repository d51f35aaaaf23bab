# htdy — the two set-up commands: `make run` (the server) and `make test` (the suite).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint typecheck pytest migrate gallery perf clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/htdy migrate
	$(BIN)/htdy serve

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	mkdir -p .mypy-path && ln -sfn .. .mypy-path/htdy
	$(BIN)/mypy --package htdy

pytest: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test: lint typecheck pytest

migrate: $(STAMP)
	$(BIN)/htdy migrate

gallery: $(STAMP)
	$(BIN)/htdy render --gallery -o var/gallery

perf: $(STAMP)
	$(BIN)/htdy perf parse
	$(BIN)/htdy perf render

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
