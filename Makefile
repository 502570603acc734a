# Two commands do all the set-up on a fresh machine: `make extract` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
IN     ?= corpus
OUT    ?= out
GOLD   ?= corpus/expected
JOBS   ?=
STAMP  := $(VENV)/.installed

.PHONY: install extract test test-fast lint golden schemas eval pdfs bench clean
.DELETE_ON_ERROR:

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

extract: $(STAMP)
	$(BIN)/extractor extract $(IN) $(OUT) $(if $(JOBS),--jobs $(JOBS))

test: $(STAMP)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check extractor tests scripts benchmarks
	$(BIN)/ruff format --check extractor tests scripts benchmarks
	$(BIN)/mypy

golden: $(STAMP)
	$(BIN)/python scripts/update_golden.py

schemas: $(STAMP)
	$(BIN)/extractor schema > schemas/record.schema.json

eval: $(STAMP)
	$(BIN)/extractor extract $(IN) $(OUT) --quiet $(if $(JOBS),--jobs $(JOBS)) || true
	$(BIN)/extractor eval $(OUT) $(GOLD)

pdfs: $(STAMP)
	$(BIN)/python scripts/make_corpus_pdfs.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(if $(QUICK),--quick)

clean:
	rm -rf $(OUT) .pytest_cache
