// name: person-profile
// description: Everything a person is linked to (positions, leadership, programmes, events, mentors, bylines), with the dates and sources of the documents that say so. person: the name or an alias. A relation written `<-TYPE` points at the person.
// params: person
// columns: person, relation, title, target, target_label, dates, sources
MATCH (p:Person) WHERE p.name = $person OR $person IN p.aliases
MATCH (p)-[r]-(t)
WHERE type(r) <> 'MENTIONS' AND t <> p
RETURN p.name AS person,
       CASE WHEN startNode(r) = p THEN type(r) ELSE '<-' + type(r) END AS relation,
       coalesce(r.title, r.role, '') AS title,
       t.name AS target,
       labels(t)[0] AS target_label,
       COLLECT { MATCH (d:Document) WHERE d.key IN r.docs AND d.date IS NOT NULL
                 RETURN DISTINCT d.date AS date ORDER BY date } AS dates,
       COLLECT { MATCH (d:Document) WHERE d.key IN r.docs RETURN d.source AS source ORDER BY source } AS sources
ORDER BY person, relation, target, title, target_label, dates, sources
