# Neo4j targets, included by the top-level Makefile (`include tools/neo4j/neo4j.mk`).
# The server is Neo4j 5.26 Community: docker compose when a Docker engine answers, otherwise a
# plain JVM assembled from Maven Central under .neo4j/ (see tools/neo4j/neo4jctl.sh).

NEO4JCTL := bash tools/neo4j/neo4jctl.sh
BIN ?= .venv/bin

.PHONY: neo4j-fetch neo4j-start neo4j-stop neo4j-status neo4j-restart bench

neo4j-fetch:
	$(NEO4JCTL) fetch

# Starts the server (or re-checks a running one) and writes NEO4J_URI/USER/PASSWORD to .env.
neo4j-start:
	$(NEO4JCTL) start

neo4j-stop:
	$(NEO4JCTL) stop

# Exit status of the script: 0 running, 3 not running; make itself does not fail on "not running".
neo4j-status:
	@$(NEO4JCTL) status || true

neo4j-restart:
	$(NEO4JCTL) restart

# Batched writer vs one-MERGE-per-row writer on a synthetic corpus (>= 100,000 relationships).
# WARNING: clears the database it connects to. Results also go to bench-results/.
bench: neo4j-start
	$(BIN)/python -m cadregraph.pipeline.bench_loader
