// name: relation-evidence
// description: The evidence behind relations: every sentence that supports a relationship from source (name or alias), with its document and date; line breaks of the page are removed. target and type (e.g. HOLDS_POSITION) narrow it down.
// params: source, target (optional), type (optional)
// columns: source, relation, title, target, date, document, start, evidence
MATCH (s)-[r]->(t)
WHERE type(r) <> 'MENTIONS'
  AND (s.name = $source OR $source IN s.aliases)
  AND ($target IS NULL OR t.name = $target OR $target IN t.aliases)
  AND ($type IS NULL OR type(r) = $type)
UNWIND range(0, size(coalesce(r.evidence_docs, [])) - 1) AS i
WITH s, r, t, r.evidence_docs[i] AS doc_key, r.evidence_starts[i] AS start, r.evidence_texts[i] AS text
OPTIONAL MATCH (d:Document {key: doc_key})
RETURN s.name AS source, type(r) AS relation, coalesce(r.title, r.role, '') AS title, t.name AS target,
       d.date AS date, coalesce(d.source, doc_key) AS document, start,
       replace(replace(text, '\n', ''), '\r', '') AS evidence
ORDER BY source, relation, target, title, date, document, start, evidence
