// name: find-entity
// description: People, organisations, places, programmes and events whose name or an alias contains text, with their keys (what --center and the other queries can use).
// params: text
// columns: label, name, key, aliases, documents
MATCH (n)
WHERE NOT n:Document AND NOT n:Figure
  AND (n.name CONTAINS $text OR any(a IN n.aliases WHERE a CONTAINS $text))
RETURN labels(n)[0] AS label, n.name AS name, n.key AS key, n.aliases AS aliases, size(n.docs) AS documents
ORDER BY label, name, key
