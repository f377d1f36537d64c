# cadregraph — `make demo` runs the main job on seeds/, `make test` runs the whole suite.
# Both create .venv and install everything the project needs on a fresh machine.

SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3.12 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DATA_DIR ?= kg-data

.PHONY: install system-deps demo test test-fast lint bench bench-nlp bench-memory golden train-programmes train-places train-organisations clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Debian packages the tests and pictures need: a CJK font for png/svg exports, Chromium for the
# headless check of the HTML picture. Installed only when missing (CI runs as root).
system-deps:
	@bash tools/system-deps.sh

demo: install
	$(BIN)/kg build seeds/ --store local --data-dir $(DATA_DIR)
	$(BIN)/kg query who-leads-what --store local --data-dir $(DATA_DIR)

test: system-deps install neo4j-start
	$(BIN)/pytest -q

# Everything but the tests that need the Neo4j server.
test-fast: install
	$(BIN)/pytest -q -m "not neo4j"

# mypy reads the installed layout (cadregraph.pipeline, ...) from a tree of links: it cannot follow the
# editable install's import hook.
MYPY_TREE := .mypy-src/cadregraph

lint: install
	mkdir -p $(MYPY_TREE) && for p in pipeline graph schemas; do ln -sfn ../../$$p $(MYPY_TREE)/$$p; done
	$(BIN)/ruff check pipeline schemas graph tests tools
	$(BIN)/mypy

bench-nlp: install
	$(BIN)/python -m cadregraph.pipeline.bench seeds/ --repeat 10 --rounds 5
	$(BIN)/python -m cadregraph.pipeline.bench_workers seeds/ --repeat 20

# Peak RSS of `kg extract` and `kg build --store neo4j` over a 5 MB and a 50 MB folder (the seeds and
# corpus articles copied into temporary files); MEMORY_SIZES="0.5 5" for a quicker pair,
# MEMORY_COMMANDS="build-local" for the embedded store (it holds the whole graph in memory).
# WARNING: build-neo4j clears the database .env names.
MEMORY_SIZES ?= 5 50
MEMORY_COMMANDS ?= extract build-neo4j
bench-memory: install neo4j-start
	$(BIN)/python -m cadregraph.pipeline.bench_memory --sizes $(MEMORY_SIZES) --commands $(MEMORY_COMMANDS)

# Regenerate tests/data/golden/ (the byte-identical `kg extract` output) on purpose, after a change meant
# to alter the output; commit the diff with the change.
golden: install
	$(BIN)/python tools/golden.py --write

# Retrain the programme-span scorer from the dev split and the seeds' gold (never the test split); the
# same data gives a byte-identical pipeline/data/programmes/scorer_weights.toml. Commit it with its cause.
train-programmes: install
	$(BIN)/python -m cadregraph.pipeline.programme_training --out pipeline/data/programmes/scorer_weights.toml

# Retrain the place scorer the same way (dev split and seeds' gold only): a byte-identical
# pipeline/data/places/scorer_weights.toml; PLACE_CV=8 also prints the cross-validated threshold table.
PLACE_CV ?= 0
train-places: install
	$(BIN)/python -m cadregraph.pipeline.place_training --label Place --cross-validate $(PLACE_CV) --out pipeline/data/places/scorer_weights.toml

# The organisation scorer, the same mechanism with its own features: pipeline/data/organisations/.
ORG_CV ?= 0
train-organisations: install
	$(BIN)/python -m cadregraph.pipeline.place_training --label Organization --cross-validate $(ORG_CV) --out pipeline/data/organisations/scorer_weights.toml

clean:
	rm -rf $(VENV) $(DATA_DIR) build *.egg-info

include tools/neo4j/neo4j.mk
