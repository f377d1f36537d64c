// name: career
// description: A person's career table: one row per person, organisation and title (a spell), with the dates of the earliest and latest documents that state it (first_seen, last_seen), the place the organisation is in (the smallest name among the places it is LOCATED_IN or PART_OF directly), `leads` when the title heads it, and the documents and their sources. person is a name or alias (several people of that name in different places are told apart by person_key); it also finds the people linked to that one by SAME_AS (graph/person_links.py), and `identity` is the smallest person key of those linked together (the person's own key when not linked). Without person, every person's career (what `kg export --format careers-csv` writes).
// params: person (optional)
// columns: person, person_key, title, organisation, organisation_key, place, leads, first_seen, last_seen, documents, sources, identity
MATCH (p:Person)-[r:HOLDS_POSITION|LEADS]->(o)
WHERE $person IS NULL
   OR EXISTS { MATCH (p)-[:SAME_AS*0..]-(x:Person) WHERE x.name = $person OR $person IN x.aliases }
WITH p, o, coalesce(r.title, '') AS title, collect(type(r)) AS types, collect(r.docs) AS doc_lists,
     min(r.first_seen) AS first_seen, max(r.last_seen) AS last_seen
WITH p, o, title, types, first_seen, last_seen,
     COLLECT { UNWIND doc_lists AS ds UNWIND ds AS d RETURN DISTINCT d ORDER BY d } AS documents
RETURN p.name AS person, p.key AS person_key, title, o.name AS organisation, o.key AS organisation_key,
       COLLECT { MATCH (o)-[:LOCATED_IN|PART_OF]->(x:Place) RETURN x.name AS n ORDER BY n LIMIT 1 }[0] AS place,
       'LEADS' IN types AS leads, first_seen, last_seen, documents,
       COLLECT { UNWIND documents AS d MATCH (doc:Document {key: d}) RETURN doc.source AS s ORDER BY d } AS sources,
       COLLECT { MATCH (p)-[:SAME_AS*0..]-(x:Person) RETURN x.key AS k ORDER BY k LIMIT 1 }[0] AS identity
ORDER BY person, person_key, first_seen, last_seen, organisation, organisation_key, title
