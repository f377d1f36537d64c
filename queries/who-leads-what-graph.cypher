// name: who-leads-what-graph
// description: The relationships behind who-leads-what, one row per HOLDS_POSITION or LEADS relationship with node keys and its evidence (JSON strings {"doc","start","end","text"}); `kg viz who-leads-what` draws these rows. Same filters as who-leads-what.
// params: org (optional), place (optional)
// columns: person_key, person, relation, title, target_key, target, target_label, evidence
OPTIONAL MATCH (pl:Place) WHERE $place IS NOT NULL AND (pl.name = $place OR $place IN pl.aliases)
OPTIONAL MATCH (sub:Place)-[:PART_OF*1..4]->(pl)
WITH collect(DISTINCT pl) + collect(DISTINCT sub) AS area
WITH area, [n IN [$place] + reduce(acc = [], x IN area | acc + [x.name] + x.aliases)
            WHERE n IS NOT NULL AND size(n) >= 2] AS area_names
MATCH (p:Person)-[r:HOLDS_POSITION|LEADS]->(o)
WHERE ($org IS NULL OR o.name CONTAINS $org OR $org IN o.aliases)
  AND ($place IS NULL
       OR any(n IN area_names WHERE o.name CONTAINS n)
       OR EXISTS { MATCH (o)-[:LOCATED_IN|PART_OF*1..4]->(x:Place) WHERE x IN area })
RETURN p.key AS person_key, p.name AS person, type(r) AS relation, coalesce(r.title, '') AS title,
       o.key AS target_key, o.name AS target, labels(o)[0] AS target_label, r.evidence AS evidence
ORDER BY target, person, title, relation, person_key, target_key
