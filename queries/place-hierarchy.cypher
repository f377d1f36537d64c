// name: place-hierarchy
// description: Which place is part of which (Place PART_OF Place). place (optional): only the chain above that place and everything below it (six steps either way).
// params: place (optional)
// columns: parent, place, documents
OPTIONAL MATCH (root:Place) WHERE $place IS NOT NULL AND (root.name = $place OR $place IN root.aliases)
WITH collect(root) AS roots
MATCH (c:Place)-[r:PART_OF]->(q:Place)
WHERE $place IS NULL
   OR any(x IN roots WHERE q = x OR c = x
          OR EXISTS { MATCH (q)-[:PART_OF*1..6]->(x) }
          OR EXISTS { MATCH (x)-[:PART_OF*1..6]->(c) })
RETURN q.name AS parent, c.name AS place, size(r.docs) AS documents
ORDER BY parent, place, documents
