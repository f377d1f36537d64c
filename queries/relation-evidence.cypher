// name: relation-evidence
// description: The evidence behind relations: every sentence that supports a relationship from source (name or alias), with its document and date; line breaks of the page are removed. target and type (e.g. HOLDS_POSITION) narrow it down.
// params: source, target (optional), type (optional)
// columns: source, relation, title, target, date, document, start, evidence
MATCH (s)-[r]->(t)
WHERE type(r) <> 'MENTIONS'
  AND (s.name = $source OR $source IN s.aliases)
  AND ($target IS NULL OR t.name = $target OR $target IN t.aliases)
  AND ($type IS NULL OR type(r) = $type)
UNWIND r.evidence AS ev
WITH s, r, t,
     split(split(ev, '"doc": "')[1], '"')[0] AS doc_key,
     toInteger(split(split(ev, '"start": ')[1], ',')[0]) AS start,
     split(ev, '"text": "')[1] AS tail
OPTIONAL MATCH (d:Document {key: doc_key})
RETURN s.name AS source, type(r) AS relation, coalesce(r.title, r.role, '') AS title, t.name AS target,
       d.date AS date, coalesce(d.source, doc_key) AS document, start,
       replace(replace(replace(replace(left(tail, size(tail) - 2), '\\n', ''), '\\r', ''), '\\"', '"'), '\\\\', '\\')
         AS evidence
ORDER BY source, relation, target, title, date, document, start, evidence
