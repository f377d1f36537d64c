// name: figures-by-programme
// description: The figures programmes and organisations claim (HAS_FIGURE): text, value, unit and what is counted, with the document. programme (optional): part of the programme's or organisation's name, or an alias.
// params: programme (optional)
// columns: owner, owner_label, figure, value, unit, subject, date, document
MATCH (g)-[r:HAS_FIGURE]->(f:Figure)
WHERE $programme IS NULL OR g.name CONTAINS $programme OR $programme IN g.aliases
UNWIND r.docs AS doc_key
OPTIONAL MATCH (d:Document {key: doc_key})
RETURN g.name AS owner, labels(g)[0] AS owner_label, f.text AS figure, f.value AS value, f.unit AS unit,
       f.subject AS subject, d.date AS date, coalesce(d.source, doc_key) AS document
ORDER BY owner, figure, value, unit, document, owner_label, subject, date
