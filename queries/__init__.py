"""The saved Cypher queries (*.cypher), installed as package data of `cadregraph.queries`."""
