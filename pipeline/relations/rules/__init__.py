"""One module per relation family; pipeline.relations.table lists them in order."""
