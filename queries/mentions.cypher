// name: mentions
// description: Where an entity is mentioned: each document with the surface forms used and their offsets in the original text. name: the name or an alias.
// params: name
// columns: entity, label, date, document, texts, offsets
MATCH (d:Document)-[r:MENTIONS]->(n)
WHERE n.name = $name OR $name IN n.aliases
RETURN n.name AS entity, labels(n)[0] AS label, d.date AS date, d.source AS document, r.texts AS texts,
       r.offsets AS offsets
ORDER BY entity, label, date, document, texts, offsets
