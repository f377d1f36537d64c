// name: co-mentioned
// description: Who appears together: pairs of people mentioned in the same documents, most shared documents first. person (optional): only the pairs with this person (name or alias). At most 100 pairs.
// params: person (optional)
// columns: person, other, shared_documents, documents
MATCH (a:Person)<-[:MENTIONS]-(d:Document)-[:MENTIONS]->(b:Person)
WHERE a <> b
  AND (($person IS NULL AND a.key < b.key) OR ($person IS NOT NULL AND (a.name = $person OR $person IN a.aliases)))
WITH a, b, d ORDER BY d.key
WITH a, b, collect(d.key) AS docs
RETURN a.name AS person, b.name AS other, size(docs) AS shared_documents, docs AS documents
ORDER BY shared_documents DESC, person, other, documents
LIMIT 100
