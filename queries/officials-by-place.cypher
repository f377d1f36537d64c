// name: officials-by-place
// description: Office holders grouped by place: a person is listed under a place when the organisation is named after it or a place inside it, or is linked to one by LOCATED_IN/PART_OF. place (optional): the name or an alias; without it every place is listed.
// params: place (optional)
// columns: place, organisation, person, title, leads
MATCH (pl:Place) WHERE $place IS NULL OR pl.name = $place OR $place IN pl.aliases
WITH pl, [pl] + COLLECT { MATCH (s:Place)-[:PART_OF*1..4]->(pl) WHERE s <> pl RETURN DISTINCT s } AS area
WITH pl, area, [n IN reduce(acc = [], x IN area | acc + [x.name] + x.aliases) WHERE size(n) >= 2] AS area_names
MATCH (p:Person)-[r:HOLDS_POSITION|LEADS]->(o)
WHERE any(n IN area_names WHERE o.name CONTAINS n)
   OR EXISTS { MATCH (o)-[:LOCATED_IN|PART_OF*1..4]->(x:Place) WHERE x IN area }
WITH pl, o, p, coalesce(r.title, '') AS title, collect(type(r)) AS types
RETURN pl.name AS place, o.name AS organisation, p.name AS person, title, 'LEADS' IN types AS leads
ORDER BY place, organisation, person, title, leads
