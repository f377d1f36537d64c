// name: person-links
// description: Every SAME_AS link between two Person nodes (the same person in two home places) and why: `kind` evidence (a document names the post the person left: `why` says which, `evidence` the sentences as maps {doc, start, end, text}, `documents` their ids) or merge (kg merge, `why` as given). kg split vetoes an evidence link. person (a name or alias of either end) picks the links of one name.
// params: person (optional)
// columns: person, person_key, other, other_key, kind, why, evidence, documents
MATCH (a:Person)-[l:SAME_AS]->(b:Person)
WHERE $person IS NULL OR a.name = $person OR $person IN a.aliases OR b.name = $person OR $person IN b.aliases
RETURN a.name AS person, a.key AS person_key, b.name AS other, b.key AS other_key, l.kind AS kind,
       l.why AS why,
       [i IN range(0, size(coalesce(l.evidence_docs, [])) - 1) | {doc: l.evidence_docs[i], start: l.evidence_starts[i], end: l.evidence_ends[i], text: l.evidence_texts[i]}] AS evidence,
       reduce(acc = [], d IN coalesce(l.evidence_docs, []) | CASE WHEN d IN acc THEN acc ELSE acc + [d] END) AS documents
ORDER BY person_key, other_key
