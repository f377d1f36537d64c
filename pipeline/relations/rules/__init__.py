"""One module per relation family; cadregraph.pipeline.relations.table lists them in order."""
