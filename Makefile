# htdy — the two set-up commands: `make run` (the server) and `make test` (the suite).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint typecheck pytest migrate gallery perf clean corpus corpus-tools train parse-eval fuzz-api

# setuptools' "Editable installation" note is informational (printed for every editable
# install of a flat layout), so it is filtered; real packaging warnings stay visible
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# `make run PORT=9000` serves on another port (default: [server] port in htdy.toml)
run: $(STAMP)
	$(BIN)/htdy migrate
	$(BIN)/htdy serve $(if $(PORT),--port $(PORT))

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

# schemathesis (every check, every phase incl. stateful) over /api/openapi.json against a real
# server on SQLite and on PostgreSQL; prints requests, 5xx and violations per database
# (tests/fuzz/fuzz_api.py). FUZZ_EXAMPLES test cases per operation and phase (300: > 20,000 requests).
# `make fuzz-api FUZZ_DATABASES=postgres FUZZ_PG_DB=htdy_mine`: PostgreSQL only, in a database of your
# own (dropped and created anew; default: a random htdy_fuzz_* one; server: HTDY_TEST_PG_URL).
FUZZ_EXAMPLES ?= 300
FUZZ_DATABASES ?= sqlite postgres
FUZZ_PG_DB ?=
fuzz-api: $(STAMP)
	$(BIN)/python tests/fuzz/fuzz_api.py $(foreach d,$(FUZZ_DATABASES),--database $(d)) \
		--max-examples $(FUZZ_EXAMPLES) $(if $(FUZZ_PG_DB),--pg-database $(FUZZ_PG_DB))

perf: $(STAMP)
	$(BIN)/htdy perf parse
	$(BIN)/htdy perf render

# The corpus factory (parsers/training/CONTRACT.md): invented people in 16+ languages through every
# renderer family; not committed (var/corpus). CORPUS_PEOPLE people, each rendered by two templates.
CORPUS_PEOPLE ?= 1800
CORPUS_JOBS ?= 2
CORPUS_APT := chromium pandoc libreoffice-writer-nogui python3-uno texlive-latex-base texlive-latex-extra \
	texlive-fonts-recommended texlive-xetex lmodern texlive-lang-cyrillic texlive-lang-european \
	texlive-lang-polish texlive-lang-german texlive-lang-french texlive-lang-spanish texlive-lang-italian \
	texlive-lang-portuguese texlive-lang-czechslovak texlive-lang-cjk texlive-lang-arabic fonts-noto-cjk \
	fonts-noto-core fonts-font-awesome fonts-dejavu fonts-liberation2 fonts-lato fonts-texgyre \
	fonts-crosextra-carlito fonts-crosextra-caladea fonts-urw-base35
corpus-tools:
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(CORPUS_APT)

corpus: $(STAMP)
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[corpus]'
	$(BIN)/python -m htdy.parsers.training.build --setup --people $(CORPUS_PEOPLE) --jobs $(CORPUS_JOBS)

# The body-line model (parsers/models/body_lines.txt) with leave-one-family-out figures.
train: $(STAMP)
	$(BIN)/python -m htdy.parsers.training.train --lofo --jobs $(CORPUS_JOBS)

# Scores per family and language on the generated corpus, then on the visible sets (model vs rules).
parse-eval: $(STAMP)
	$(BIN)/python -m htdy.parsers.training.evaluate --jobs $(CORPUS_JOBS)
	$(BIN)/python -m htdy.parsers.training.evaluate --docs tests/parsers/themes/docs --truth tests/parsers/themes/truth --jobs $(CORPUS_JOBS)

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
