// name: who-leads-what
// description: Who holds which position in which organisation (or leads which programme): one row per person, title and organisation; `leads` is true when the title heads it (a LEADS relationship). Filters: org matches part of the organisation's name or one of its aliases; place keeps organisations named after the place or a place inside it (平湖市 also finds 新仓镇人民政府), or linked to such a place by LOCATED_IN/PART_OF.
// params: org (optional), place (optional)
// columns: organisation, organisation_label, person, title, leads, documents
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
WITH o, p, coalesce(r.title, '') AS title, collect(type(r)) AS types, collect(r.docs) AS doc_lists
RETURN o.name AS organisation, labels(o)[0] AS organisation_label, p.name AS person, title,
       'LEADS' IN types AS leads,
       size(reduce(acc = [], ds IN doc_lists | acc + [d IN ds WHERE NOT d IN acc])) AS documents
ORDER BY organisation, person, title, organisation_label, leads, documents
