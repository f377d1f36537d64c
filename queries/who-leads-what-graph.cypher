// name: who-leads-what-graph
// description: The relationships behind who-leads-what, one row per HOLDS_POSITION or LEADS relationship with node keys, its evidence (a list of maps {doc, start, end, text}, read from the parallel evidence lists) and the dates of the earliest and latest documents that state it; `kg viz who-leads-what` draws these rows. Same filters and the same as_of rule as who-leads-what.
// params: org (optional), place (optional), as_of (optional)
// columns: person_key, person, relation, title, target_key, target, target_label, evidence, first_seen, last_seen
CALL () { OPTIONAL MATCH (d:Document) RETURN coalesce($as_of, max(d.date)) AS day }
OPTIONAL MATCH (pl:Place) WHERE $place IS NOT NULL AND (pl.name = $place OR $place IN pl.aliases)
OPTIONAL MATCH (sub:Place)-[:PART_OF*1..4]->(pl)
WITH day, collect(DISTINCT pl) + collect(DISTINCT sub) AS area
WITH day, area, [n IN [$place] + reduce(acc = [], x IN area | acc + [x.name] + x.aliases)
                 WHERE n IS NOT NULL AND size(n) >= 2] AS area_names
MATCH (p:Person)-[r:HOLDS_POSITION|LEADS]->(o)
WHERE ($org IS NULL OR o.name CONTAINS $org OR $org IN o.aliases)
  AND ($place IS NULL
       OR any(n IN area_names WHERE o.name CONTAINS n)
       OR EXISTS { MATCH (o)-[:LOCATED_IN|PART_OF*1..4]->(x:Place) WHERE x IN area })
  AND (day IS NULL OR r.first_seen IS NULL OR r.first_seen <= day)
WITH day, o, p, coalesce(r.title, '') AS title, collect(r) AS rels, max(r.last_seen) AS last_seen
WITH day, o, p, title, rels, CASE WHEN last_seen > day THEN day ELSE last_seen END AS seen
WHERE NOT EXISTS {
        MATCH (q:Person)-[s:HOLDS_POSITION|LEADS]->(o)
        WHERE q <> p AND coalesce(s.title, '') = title AND s.first_seen > seen AND s.first_seen <= day }
  AND NOT EXISTS {
        MATCH (q:Person)-[a:APPOINTED_TO]->(o)
        WHERE q <> p AND coalesce(a.title, '') = title AND coalesce(a.status, 'decided') <> 'proposed'
          AND a.date > seen AND a.date <= day }
  AND NOT EXISTS {
        MATCH (p)-[x:REMOVED_FROM]->(o)
        WHERE coalesce(x.title, '') = title AND coalesce(x.status, 'decided') <> 'proposed'
          AND x.date >= seen AND x.date <= day }
UNWIND rels AS r
RETURN p.key AS person_key, p.name AS person, type(r) AS relation, title,
       o.key AS target_key, o.name AS target, labels(o)[0] AS target_label,
       [i IN range(0, size(coalesce(r.evidence_docs, [])) - 1) | {doc: r.evidence_docs[i], start: r.evidence_starts[i], end: r.evidence_ends[i], text: r.evidence_texts[i]}] AS evidence,
       r.first_seen AS first_seen, r.last_seen AS last_seen
ORDER BY target, person, title, relation, person_key, target_key
